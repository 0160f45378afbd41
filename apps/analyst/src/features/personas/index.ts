import './personas.css'
export { PersonasEditor } from './components/personas-editor'
