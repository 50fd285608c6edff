// SQLite SQL as tokens and statements, for scripts/check-migrations.mjs: enough of the grammar to
// find table names however they are written (quoted, schema-qualified) and to split statements
// without being fooled by comments, string literals or trigger bodies.

/**
 * SQLite SQL as tokens: { kind: "word" | "name" | "string" | "number" | "punct", text }.
 * "word" is an unquoted identifier or keyword; "name" a quoted identifier ("x", `x`, [x]).
 * Comments are dropped.
 */
export function tokenize(sql) {
  const tokens = [];
  let i = 0;
  const quoted = (close) => {
    let j = i + 1;
    let text = "";
    while (j < sql.length) {
      if (sql[j] === close) {
        if (close !== "]" && sql[j + 1] === close) {
          text += close;
          j += 2;
          continue;
        }
        break;
      }
      text += sql[j++];
    }
    i = j + 1;
    return text;
  };
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) i++;
    else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'") tokens.push({ kind: "string", text: quoted("'") });
    else if (ch === '"' || ch === "`") tokens.push({ kind: "name", text: quoted(ch) });
    else if (ch === "[") tokens.push({ kind: "name", text: quoted("]") });
    else {
      const word = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
      const number = /[0-9][0-9A-Za-z_.]*/y;
      word.lastIndex = number.lastIndex = i;
      const w = word.exec(sql) ?? number.exec(sql);
      if (w) {
        tokens.push({ kind: w[0].match(/^[0-9]/) ? "number" : "word", text: w[0] });
        i += w[0].length;
      } else {
        tokens.push({ kind: "punct", text: ch });
        i++;
      }
    }
  }
  return tokens;
}

/** Whether the token is one of these keywords (unquoted, any case). */
export const is = (token, ...keywords) =>
  token?.kind === "word" && keywords.includes(token.text.toUpperCase());

/** Statements (arrays of tokens), split at ";" outside a trigger's BEGIN … END. */
export function statements(tokens) {
  const result = [];
  let current = [];
  let depth = 0;
  let trigger = false;
  for (const t of tokens) {
    if (t.kind === "punct" && t.text === ";" && depth === 0) {
      if (current.length) result.push(current);
      current = [];
      trigger = false;
      continue;
    }
    current.push(t);
    if (current.length <= 4 && is(t, "TRIGGER") && is(current[0], "CREATE")) trigger = true;
    if (trigger && is(t, "BEGIN", "CASE")) depth++;
    if (trigger && is(t, "END") && depth > 0) depth--;
  }
  if (current.length) result.push(current);
  return result;
}

/** A table name at tokens[i] ("t", `t`, main.t, "main"."t"): lower case, without the schema. */
export function tableAt(tokens, i) {
  const first = tokens[i];
  if (!first || (first.kind !== "word" && first.kind !== "name" && first.kind !== "string"))
    return null;
  if (tokens[i + 1]?.text === "." && tokens[i + 2]) {
    return { name: tokens[i + 2].text.toLowerCase(), next: i + 3 };
  }
  return { name: first.text.toLowerCase(), next: i + 1 };
}

/** Index after optional keyword sequences, e.g. IF EXISTS. */
export function skip(tokens, i, ...words) {
  let j = i;
  for (const w of words) {
    if (!is(tokens[j], w)) return i;
    j++;
  }
  return j;
}
