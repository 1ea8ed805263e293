export { APP_DATABASE_FILE, openAppDatabase, type AppDatabase } from './app-database';
