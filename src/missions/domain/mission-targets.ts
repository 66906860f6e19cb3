import type { IsoDate } from '../../shared/iso-date.js';

/**
 * Deadlines a meeting outcome sets for a mission ("temporary office within the first half of
 * the year"). Targets are not facts: a mission that misses one is overdue, nothing more.
 */
export type MissionTargets = {
  readonly temporaryOfficeBy: IsoDate | null;
  readonly embassyBy: IsoDate | null;
};

/** Targets as a caller states them: any of them may be left out. */
export type MissionTargetsInput = {
  readonly temporaryOfficeBy?: IsoDate | null;
  readonly embassyBy?: IsoDate | null;
};

export const NO_TARGETS: MissionTargets = { temporaryOfficeBy: null, embassyBy: null };

/** The stored form of stated targets: what was left out becomes `null`. */
export function targetsFrom(input: MissionTargetsInput | undefined): MissionTargets {
  return {
    temporaryOfficeBy: input?.temporaryOfficeBy ?? null,
    embassyBy: input?.embassyBy ?? null,
  };
}

/** The target dates that are set, each with its name. */
export function targetDatesOf(
  targets: MissionTargets,
): readonly { readonly name: keyof MissionTargets; readonly date: IsoDate }[] {
  const names = ['temporaryOfficeBy', 'embassyBy'] as const;
  return names.flatMap((name) => {
    const date = targets[name];
    return date === null ? [] : [{ name, date }];
  });
}

/** `later` overrides `earlier` target by target; a target `later` leaves out is kept. */
export function overrideTargets(earlier: MissionTargets, later: MissionTargets): MissionTargets {
  return {
    temporaryOfficeBy: later.temporaryOfficeBy ?? earlier.temporaryOfficeBy,
    embassyBy: later.embassyBy ?? earlier.embassyBy,
  };
}

/**
 * Why stated targets contradict each other, or undefined: the temporary office is interim
 * premises until the embassy opens, so its target cannot fall after the embassy's (an open
 * embassy meets both). Equal dates are fine.
 */
export function targetsOrderRefusal(targets: MissionTargets): string | undefined {
  const { temporaryOfficeBy, embassyBy } = targets;
  if (temporaryOfficeBy === null || embassyBy === null || temporaryOfficeBy <= embassyBy) {
    return undefined;
  }
  return `targets.embassyBy ${embassyBy} is before targets.temporaryOfficeBy ${temporaryOfficeBy}: the temporary office is interim premises until the embassy opens`;
}

export function sameTargets(a: MissionTargets, b: MissionTargets): boolean {
  return a.temporaryOfficeBy === b.temporaryOfficeBy && a.embassyBy === b.embassyBy;
}
