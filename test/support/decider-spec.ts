import { fold, type Decider } from '../../src/shared/decider.js';
import { DomainRuleError } from '../../src/shared/domain-rule.error.js';

type RuleKind = DomainRuleError['kind'];

export interface Then<Event> {
  /** The command records exactly these events. */
  then(expected: readonly Event[]): void;
  /** The command is accepted and records nothing (an idempotent repeat). */
  thenNothingHappens(): void;
  /** The command is refused by `rule` (and, when given, with that kind, and at that field's path). */
  thenThrows(rule: string, kind?: RuleKind, path?: string): void;
}

export interface When<Command, Event> {
  when(command: Command): Then<Event>;
}

/**
 * Given / when / then for a decider: given the events already in the stream, when a command
 * arrives, then these events (or this refusal).
 *
 *   const spec = DeciderSpecification.for(missionDecider);
 *   spec.given([planned]).when(dispatch).then([dispatched]);
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return {
      given(events: readonly Event[]): When<Command, Event> {
        return {
          when(command: Command): Then<Event> {
            const decide = (): readonly Event[] => decider.decide(command, fold(decider, events));
            return {
              then(expected) {
                expect(decide()).toEqual(expected);
              },
              thenNothingHappens() {
                expect(decide()).toEqual([]);
              },
              thenThrows(rule, kind, path) {
                let recorded: readonly Event[] | undefined;
                let refusal: unknown;
                try {
                  recorded = decide();
                } catch (error) {
                  refusal = error;
                }
                if (recorded !== undefined) {
                  throw new Error(
                    `expected a refusal by ${rule}, but the command recorded ${JSON.stringify(recorded)}`,
                  );
                }
                if (!(refusal instanceof DomainRuleError)) throw refusal;
                expect({ rule: refusal.rule, kind: refusal.kind, path: refusal.path }).toEqual({
                  rule,
                  kind: kind ?? refusal.kind,
                  path: path ?? refusal.path,
                });
              },
            };
          },
        };
      },
    };
  },
};
