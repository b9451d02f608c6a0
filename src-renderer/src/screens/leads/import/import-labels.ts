import type { ImportDelimiter, ImportEncoding, LeadImportStatus } from '@shared/contract/leads';

export { IMPORT_TARGET_LABEL } from '@shared/contract/leads';

export const ENCODING_LABEL: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'windows-1252': 'Windows-1252',
};

export const DELIMITER_LABEL: Record<ImportDelimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

export const IMPORT_STATUS_LABEL: Record<LeadImportStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

export const IMPORT_STATUS_COLOR: Record<LeadImportStatus, string> = {
  running: 'brand',
  completed: 'green',
  failed: 'red',
};
