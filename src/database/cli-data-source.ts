import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions, ENTITY_GLOB } from './data-source';
import { urlsOf } from './db-roles';

// For the TypeORM CLI (`npm run migration:generate -- migrations/<timestamp>-<Name>`): needs DATABASE_URL and the
// built entities; connects as the owner (DATABASE_OWNER_URL when set).
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL is required to generate a migration');
export default new DataSource(dataSourceOptions(urlsOf(config).owner, { entities: [ENTITY_GLOB] }));
