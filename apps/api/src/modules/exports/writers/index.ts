// The file writers of the exports (issue 15): each streams one table (XLSX: several) into a Writable.
export { type CsvDialect, csvCell, writeCsv } from './csv.js'
export { jsonValue, writeJsonl } from './jsonl.js'
export { SPSS_LABEL_BYTES, SPSS_TEXT_WIDTH, spssNames, spssString, spssSyntax } from './spss.js'
export { writeXlsx, XLSX_MAX_CELL_TEXT, xlsxValue } from './xlsx.js'
