// jspurefix builds its sessions with tsyringe, which needs the reflect-metadata polyfill loaded
// before jspurefix itself; every import of the engine goes through this file.
import 'reflect-metadata';

export * from 'jspurefix';
