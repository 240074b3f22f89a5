/**
 * The one error the viz package throws on purpose: an output folder that is missing a file or
 * holds a garbled one. The CLI catches it, prints the message (which names the file) and exits 2.
 */

/** A required file of an output folder is missing, unreadable or not in the expected shape. */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  /** The file at fault, as named in the message (a path or a folder-relative name). */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.file = file;
  }
}
