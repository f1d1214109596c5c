/** Customer statement PDFs. */
export { STATEMENT_LANGUAGES, type StatementLanguage } from './labels.js';
export { renderStatementPdf } from './statement-pdf.js';
export { type StatementPdfView, type StatementPdfViewInput, statementPdfViewSchema } from './view.js';
