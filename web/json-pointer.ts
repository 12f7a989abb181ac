/** A JSON Pointer (RFC 6901) one step below `at`: how the panes name the places they highlight. */
export const pointer = (at: string, key: string | number) =>
  `${at}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
