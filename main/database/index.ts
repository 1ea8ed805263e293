export { APP_DATABASE_FILE, openAppDatabase, openAppDatabaseFor, type AppDatabase } from './app-database';
