// What other features may use of exports: the list of the caller's exports and how to start one.
import './exports.css'
export { exportKeys, useExports, useStartExport } from './api/exports'
