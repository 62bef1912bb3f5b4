import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions, ENTITY_GLOB } from './data-source';

// For the TypeORM CLI (`npm run migration:generate -- migrations/<timestamp>-<Name>`): needs DATABASE_URL and the built entities.
const url = loadConfig().databaseUrl;
if (!url) throw new Error('DATABASE_URL is required to generate a migration');
export default new DataSource(dataSourceOptions(url, { entities: [ENTITY_GLOB] }));
