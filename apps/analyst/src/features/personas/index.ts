export { PersonasEditor } from './components/personas-editor'
