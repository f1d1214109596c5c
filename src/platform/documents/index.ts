/** The archive of issued documents. */
export {
  type ArchivedDocument,
  type ArchiveInput,
  archiveDocument,
  type DocumentsTables,
  getArchivedDocument,
  sha256Hex,
} from './archive.js';
