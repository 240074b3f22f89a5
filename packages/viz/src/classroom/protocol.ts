/**
 * The classroom's messages over WebSocket (JSON text frames of at most 4 KB): what a student's and
 * the teacher's page send, and what the server sends back. The server (cli) checks every incoming
 * message against these shapes and refuses anything else.
 */

/** From a student's page. */
export type StudentMessage =
  | { t: 'join'; code: string }
  | { t: 'rejoin'; token: string }
  | { t: 'choose'; token: string; strategy: number };

/** From the teacher's page (every message carries the teacher's key). */
export type TeacherMessage =
  | { t: 'teacher'; key: string }
  | { t: 'start'; key: string; seconds: number }
  | { t: 'pause'; key: string }
  | { t: 'resume'; key: string }
  | { t: 'close'; key: string }
  | { t: 'end'; key: string };

export type ClientMessage = StudentMessage | TeacherMessage;

/** The session's phase: waiting for a round, a round open for choices (or paused), over. */
export type Phase = 'lobby' | 'open' | 'paused' | 'done';

/** A role as a student sees it. */
export interface RoleView {
  /** The player's name in the lesson (SL, firmas...). */
  name: string;
  /** What the role is paid, in plain words, and its unit. */
  payoff: string;
  unit: string;
  strategies: string[];
}

/** What a student's page shows. */
export interface StudentState {
  t: 'student';
  token: string;
  table: number;
  role: RoleView;
  /** The situation in plain words: the lesson's question and setting. */
  situation: string;
  phase: Phase;
  round: number;
  roundsLeft: number;
  /** Seconds left to choose (open rounds). */
  secondsLeft: number;
  /** This round's choice so far (null: none yet; the default is last round's, or the first). */
  chosen: number | null;
  last: { round: number; strategy: number; payoff: number; others: string } | null;
  total: number;
}

/** One seat as the teacher sees it. */
export interface SeatView {
  table: number;
  role: string;
  taken: boolean;
  connected: boolean;
  chosen: boolean;
  total: number;
}

/** A payoff matrix for the teacher's page: rows of profiles with each player's mean. */
export interface MatrixView {
  players: string[];
  profiles: { labels: string[]; payoffs: (number | null)[]; n: number; equilibrium: boolean }[];
  /** The pure equilibria in words (or a note when some profiles were never played). */
  equilibria: string;
}

/** What the teacher's page shows. */
export interface TeacherState {
  t: 'teacher';
  code: string;
  lesson: { id: string; title: string; concept: string; question: string; condition: string; debrief: string[] };
  phase: Phase;
  round: number;
  roundsLeft: number;
  secondsLeft: number;
  seats: SeatView[];
  /** Each round's mean payoff per role over the tables, for the live chart. */
  history: { round: number; months: [string, string]; payoffs: number[] }[];
  units: string[];
  classMatrix: MatrixView;
  modelMatrix: MatrixView | null;
  /** The student page's address to give the class. */
  studentUrl: string;
}

export type ServerMessage = StudentState | TeacherState | { t: 'error'; message: string } | { t: 'ended' };
