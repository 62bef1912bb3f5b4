// The client shows the server's French labels (src/common/labels-fr.ts): one catalogue, so a code reads the same on a
// page, in a report and in its spreadsheet.
export * from '../../../src/common/labels-fr.js';
