// What the assessor writes take as input. Owned here, by the queries that store it; the zod
// schemas in rules/assessor-input.ts produce values of these shapes (the compiler checks each call).
import type { RefresherKind, TrainingComponent } from "#src/rules/assessor-input";

export type InitialTrainingInput = {
  date: string;
  provider: string;
  components: TrainingComponent[];
};

/** A partial update (PATCH): absent fields stay as they are; `version` guards against lost updates. */
export type AssessorChanges = {
  version: number;
  first_name?: string;
  infix?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  organisation?: string;
  places?: string[];
  crebos?: string[];
  initial_training?: InitialTrainingInput;
  public_consent?: boolean;
};

export type ExaminationInput = { date: string; crebo: string; notes: string };

export type RefresherInput = {
  date: string;
  kind: RefresherKind;
  description: string;
  provider: string;
};

export type DeregistrationInput = { date: string; reason: string };
