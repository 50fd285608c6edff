// The CLI commands beyond migrate/demo. Each area adds its commands to this list.
import type { Config } from "./config";
import type { DB } from "./db";
import { opsCommands } from "./cli/ops-commands";
import { authCommands } from "./cli/auth-commands";
import { schoolCommands } from "./cli/school-commands";
import { jobCommands } from "./cli/job-commands";

export type CliCommand = {
  name: string;
  /** Second word, e.g. "create" for "admin create". */
  sub?: string;
  usage: string;
  description: string;
  run: (ctx: { db: DB; config: Config; args: string[] }) => Promise<void>;
};

export const commands: CliCommand[] = [];

commands.push(...opsCommands);
commands.push(...authCommands);
commands.push(...schoolCommands);
commands.push(...jobCommands);
