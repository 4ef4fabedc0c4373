/**
 * Who an outcome reached, suggested from its words (and its goal's): "customers", "on-call for the
 * org", "the team's". Only a suggestion, shown in the naming input for one key to change; never
 * required, and silent when the words say nothing (a wrong reach is worse than none).
 * Nothing here knows VS Code.
 */
import type { Reach } from './domain';
import * as l10n from './l10n';

/** A suggested reach, and the words it came from (shown beside it, so a person sees why). */
export interface ReachSuggestion {
  reach: Reach;
  /** The words that suggested it, as written. */
  because: string;
  /** Whether the words were the goal's rather than the line's. */
  fromGoal: boolean;
}

const TEAM_WORDS = 'platform|data|infra|infrastructure|sre|security|support|sales|design|mobile|ios|android|web|frontend|front-end|backend|back-end|qa|ops|devops|finance|marketing|legal|product|billing|payments|search|growth|api|ml|analytics|release|hr|recruiting|docs|ux|research|partner|sister|other';

/**
 * Phrases for each reach, widest first: the widest reach a line names is the one it had ("fixed
 * the team's deploy script that every team uses" reached every team). Words that name code rather
 * than people ("user table", "team_id") are not reach.
 */
const PHRASES: readonly (readonly [Reach, RegExp])[] = [
  [
    'organisation',
    /\b(?:org(?:ani[sz]ation)?[- ]wide|company[- ]wide|engineering[- ]wide|(?:the )?whole (?:org(?:ani[sz]ation)?|company|engineering(?: org)?|department)|(?:the )?entire (?:org(?:ani[sz]ation)?|company|engineering(?: org)?|department)|all[- ]hands|every (?:team|engineer|squad|developer|department)|all (?:teams|engineers|engineering|squads|developers|departments|staff|employees)|across (?:the )?(?:org(?:ani[sz]ation)?|company|engineering|departments)|for the (?:org(?:ani[sz]ation)?|company)|the (?:org|company)'s|(?:our|the) (?:org(?:ani[sz]ation)?|company)(?:'s)? (?:roadmap|strategy|standards?|policy|guidelines)|employees|staff)\b/i,
  ],
  [
    'users',
    /\b(?:customers?|end[- ]users?|users(?! table| service| model| api| endpoint| schema| collection)|shoppers|buyers|merchants|subscribers|players|visitors|patients|readers|listeners|viewers|clients(?! library| sdk)|user[- ]facing|customer[- ]facing|sign[- ]?ups?|checkout|conversion|churn|nps|app store reviews?|in production for|for everyone|the public|public launch|launched to|rolled out to)\b/i,
  ],
  [
    'teams',
    new RegExp(
      `\\b(?:other teams|another team|cross[- ]team|(?:two|three|four|five|six|several|multiple|many|\\d+) teams|(?:the )?(?:${TEAM_WORDS}) (?:teams?|folks|group|squad|org)(?:'s)?|partner teams?|downstream (?:teams?|consumers|services)|teams that|teams who|their teams?|both teams|neighbou?ring teams?)\\b`,
      'i',
    ),
  ],
  [
    'team',
    /\b(?:my team(?:'s)?|our team(?:'s)?|the team(?:'s)?|(?:the )?whole team|teammates?|team ?members?|my squad|our squad|the squad|code reviews? for|review(?:ed)? (?:\d+ |two |three |several )?(?:prs|pull requests) for|mentor(?:ed|ing)?|paired with|pairing with|onboard(?:ed|ing)? (?:a |an |two |three |our |the )?(?:new )?(?:hires?|engineers?|joiners?|colleagues?|interns?|developers?)|new hires?|interns?|on[- ]?call rotation|(?:our|the team's) (?:standups?|retros?|sprint|backlog|runbook|ci|pipeline|build|repo|codebase|services?)|for the team|with the team|unblocked (?:a |two |three )?(?:colleague|teammate)s?)\b/i,
  ],
  [
    'me',
    /\b(?:learn(?:ed|t)|studied|took (?:a|the) course|finished (?:a|the) course|certification|certified|read (?:a|the) book|for myself|taught myself|my own (?:skills?|learning|understanding)|side project|got up to speed|ramped up|practi[cs]ed|personal (?:goal|project|learning))\b/i,
  ],
];

/** The widest reach `text` names, with the words that named it. */
function reachIn(text: string): { reach: Reach; because: string } | undefined {
  for (const [reach, pattern] of PHRASES) {
    const match = pattern.exec(text);
    if (match) return { reach, because: match[0] };
  }
  return undefined;
}

/**
 * The reach a line's words suggest, else its goal's (title, then why); undefined when neither
 * names anyone. Routine work and history carry no reach: callers ask only for shipped impact.
 */
export function suggestReach(line: string, goal?: { title: string; why?: string | null }): ReachSuggestion | undefined {
  const own = reachIn(line);
  if (own) return { ...own, fromGoal: false };
  const fromGoal = goal ? (reachIn(goal.title) ?? (goal.why ? reachIn(goal.why) : undefined)) : undefined;
  return fromGoal ? { ...fromGoal, fromGoal: true } : undefined;
}

/** The next reach after `current` when the person presses the reach key: nearest first, then none again. */
export function nextReach(current: Reach | undefined, order: readonly Reach[]): Reach | undefined {
  if (current === undefined) return order[0];
  const index = order.indexOf(current);
  return index === order.length - 1 ? undefined : order[index + 1];
}

/** How a reach reads to people: "Users or customers". */
export function reachLabel(reach: Reach): string {
  switch (reach) {
    case 'me':
      return l10n.t('Me');
    case 'team':
      return l10n.t('My team');
    case 'teams':
      return l10n.t('Other teams');
    case 'users':
      return l10n.t('Users or customers');
    case 'organisation':
      return l10n.t('The whole organisation');
  }
}
