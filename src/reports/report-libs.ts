import type * as NapiCanvas from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js';
import type ExcelJS from 'exceljs';
import type Handlebars from 'handlebars';
import type * as Playwright from 'playwright-core';
import { onFirstUse } from '../common/on-first-use';

/**
 * The report feature's heavy libraries, loaded by the first report produced in the process: an API process
 * that only serves reads never holds them (playwright-core alone weighs ~80 MB of RSS, exceljs ~35 MB).
 */
export const excelLib = onFirstUse<typeof ExcelJS>('exceljs');
export const handlebarsLib = onFirstUse<typeof Handlebars>('handlebars');
export const chartLib = onFirstUse<typeof ChartJs>('chart.js');
export const canvasLib = onFirstUse<typeof NapiCanvas>('@napi-rs/canvas');
export const playwrightLib = onFirstUse<typeof Playwright>('playwright-core');
