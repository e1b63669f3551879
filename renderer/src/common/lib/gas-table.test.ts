import { describe, expect, test } from 'vitest';
import type { GasTables } from '../../../../engine/api/types';
import { baseGasTable, gasTableShort, gasTableText, gasTableTitle } from './gas-table';

const tables: GasTables = {
  default: 'head',
  tables: [
    { name: 'head', description: 'piecrust 0.32 (HEAD): stores 16/32/64 gas' },
    { name: '0.19', description: 'piecrust 0.19: every operator 1' },
  ],
};

describe('gas tables in the UI', () => {
  test('a new session defaults to its base commit’s table, else the engine default', () => {
    const commits = new Map([
      ['old', { gasTable: '0.19' as const }],
      ['new', { gasTable: 'head' as const }],
      ['unrecorded', {}],
    ]);
    expect(baseGasTable(null, commits)).toBe('head');
    expect(baseGasTable(null, commits, '0.19')).toBe('0.19');
    expect(baseGasTable('old', commits)).toBe('0.19');
    expect(baseGasTable('old', commits, 'head')).toBe('0.19');
    expect(baseGasTable('new', commits, '0.19')).toBe('head');
    expect(baseGasTable('unrecorded', commits, '0.19')).toBe('0.19');
    expect(baseGasTable('not listed', commits)).toBe('head');
  });

  test('names, short descriptions and titles', () => {
    expect(gasTableText('0.19')).toBe('0.19');
    expect(gasTableText(undefined)).toBe('not recorded');
    expect(gasTableShort(tables.tables[0].description)).toBe('piecrust 0.32 (HEAD)');
    expect(gasTableShort('no colon')).toBe('no colon');
    expect(gasTableTitle(tables, '0.19')).toBe('gas table 0.19: piecrust 0.19: every operator 1');
    expect(gasTableTitle(null, 'head')).toBe('gas table head');
    expect(gasTableTitle(tables, undefined)).toContain('not recorded');
  });
});
