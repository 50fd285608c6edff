// CLI commands for accounts and the crebo list: admin create, school create, token create, crebo add/rename/retire.
import { parseArgs } from "node:util";
import {
  AccountError,
  createAdminAccount,
  createSchoolAccount,
  type FlowContext,
} from "#src/auth/accounts";
import { createApiToken } from "#src/auth/tokens";
import type { CliCommand } from "#src/cli-commands";
import type { Config } from "#src/config";
import type { DB } from "#src/db";
import { loginBlock, normaliseEmail, userByEmail } from "#src/queries/accounts";
import { audit } from "#src/queries/audit";
import { addCrebo, CreboError, renameCrebo, setCreboRetired } from "#src/queries/crebos-admin";

/** A wrong invocation or a refused step: the message is printed, the exit code is 1. */
export class CliError extends Error {}

function options<T extends Record<string, { type: "string" }>>(
  args: string[],
  spec: T,
  required: (keyof T & string)[],
) {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({ args, options: spec, strict: true, allowPositionals: false })
      .values as Record<string, string | undefined>;
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const missing = required.filter((name) => !values[name]);
  if (missing.length)
    throw new CliError(`Ontbrekende optie(s): ${missing.map((m) => `--${m}`).join(", ")}`);
  return values as { [K in keyof T]?: string } & { [K in (typeof required)[number]]: string };
}

function cliContext(db: DB, config: Config): FlowContext {
  return { db, config, now: new Date(), requestId: "cli", actor: null };
}

/** Errors of the domain become CliErrors with their Dutch message. */
async function friendly<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof AccountError || err instanceof CreboError) throw new CliError(err.message);
    throw err;
  }
}

export const authCommands: CliCommand[] = [
  {
    name: "admin",
    sub: "create",
    usage: "admin create --email E --password P",
    description: "beheerder van het register aanmaken",
    async run({ db, config, args }) {
      const o = options(
        args,
        { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
        ["email", "password"],
      );
      await friendly(() =>
        createAdminAccount(cliContext(db, config), {
          email: o.email,
          password: o.password,
          name: o.name,
        }),
      );
      console.log(`Beheerder ${normaliseEmail(o.email)} is aangemaakt.`);
    },
  },
  {
    name: "school",
    sub: "create",
    usage: "school create --name N --email E --password P [--brin B]",
    description: "actieve school met een eerste gebruiker (beheerder) aanmaken",
    async run({ db, config, args }) {
      const o = options(
        args,
        {
          name: { type: "string" },
          email: { type: "string" },
          password: { type: "string" },
          brin: { type: "string" },
        },
        ["name", "email", "password"],
      );
      const brin = o.brin?.trim().toUpperCase() || null;
      if (brin && !/^[0-9]{2}[A-Z]{2}([0-9]{2})?$/.test(brin))
        throw new CliError("Een BRIN-code bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 25LJ.");
      if (o.name.trim().length < 2) throw new CliError("Geef de naam van de school op met --name.");
      const { schoolId } = await friendly(() =>
        createSchoolAccount(cliContext(db, config), {
          name: o.name.trim(),
          email: o.email,
          password: o.password,
          brin,
        }),
      );
      console.log(
        `School "${o.name.trim()}" (${schoolId}) is aangemaakt met gebruiker ${normaliseEmail(o.email)}.`,
      );
    },
  },
  {
    name: "token",
    sub: "create",
    usage: "token create --email E [--name N]",
    description: "API-token voor een gebruiker aanmaken (laatste regel: het token)",
    async run({ db, args }) {
      const o = options(args, { email: { type: "string" }, name: { type: "string" } }, ["email"]);
      const found = await userByEmail(db, o.email);
      if (!found) throw new CliError(`Er is geen gebruiker met ${normaliseEmail(o.email)}.`);
      const block = loginBlock(found);
      if (block === "disabled")
        throw new CliError(`De gebruiker ${found.user.email} is verwijderd.`);
      if (block === "suspended")
        throw new CliError(`De school van ${found.user.email} is opgeschort.`);
      const name = o.name?.trim() || "cli";
      const { id, token } = await createApiToken(db, {
        userId: found.user.id,
        schoolId: found.user.schoolId,
        name,
      });
      await audit(db, {
        actorUserId: null,
        schoolId: found.user.schoolId,
        action: "create",
        entity: "api_token",
        entityId: id,
        changes: { name, user: found.user.email },
        requestId: "cli",
      });
      console.log(
        `Token "${name}" voor ${found.user.email}${found.schoolName ? ` (${found.schoolName})` : ""}. Het wordt maar één keer getoond:`,
      );
      console.log(token);
    },
  },
  {
    name: "crebo",
    sub: "add",
    usage: "crebo add --code C --name N [--level L]",
    description: "crebo toevoegen",
    async run({ db, args }) {
      const o = options(
        args,
        { code: { type: "string" }, name: { type: "string" }, level: { type: "string" } },
        ["code", "name"],
      );
      const level = o.level === undefined ? null : Number(o.level);
      if (level !== null && !Number.isInteger(level))
        throw new CliError("Het niveau is 1, 2, 3 of 4.");
      const crebo = await friendly(() =>
        addCrebo(
          db,
          { code: o.code, name: o.name, level },
          { actorUserId: null, requestId: "cli" },
        ),
      );
      console.log(`Crebo ${crebo.code} "${crebo.name}" is toegevoegd.`);
    },
  },
  {
    name: "crebo",
    sub: "rename",
    usage: "crebo rename --code C --name N",
    description: "naam van een crebo wijzigen",
    async run({ db, args }) {
      const o = options(args, { code: { type: "string" }, name: { type: "string" } }, [
        "code",
        "name",
      ]);
      const { refreshed } = await friendly(() =>
        renameCrebo(db, o.code, o.name, { actorUserId: null, requestId: "cli" }),
      );
      console.log(
        `Crebo ${o.code} heet nu "${o.name.trim()}" (${refreshed} beoordelaar(s) bijgewerkt).`,
      );
    },
  },
  {
    name: "crebo",
    sub: "retire",
    usage: "crebo retire --code C",
    description: "crebo laten vervallen",
    async run({ db, args }) {
      const o = options(args, { code: { type: "string" } }, ["code"]);
      await friendly(() =>
        setCreboRetired(db, o.code, true, { actorUserId: null, requestId: "cli" }),
      );
      console.log(`Crebo ${o.code} is vervallen.`);
    },
  },
];
