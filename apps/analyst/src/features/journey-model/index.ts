// What other features use of the journey model: the model query, the editor, and the model cache for writes to it.
import './journey-model.css'
export { useJourneyModel } from './api/get-journey-model'
export { byPosition, modelMutationKey, refreshModelWhenIdle, updateModel } from './api/model-cache'
export { TouchpointModelEditor } from './components/touchpoint-model-editor'
