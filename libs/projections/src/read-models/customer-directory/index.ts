/** The customer directory: names, managers and contacts made, as of an instant. */
export { customerDirectory } from './definition';
export { readDirectory, type DirectoryEntry } from './directory-query';
