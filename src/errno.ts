/** A file system error code in plain words, for the sentence that tells the learner what went wrong. */
export function describeCode(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'part of its path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'your disk quota is used up';
    case 'ELOOP':
      return 'its symbolic links form a loop';
    default:
      return code ?? 'unknown error';
  }
}
