import './surveys.css'
export { listSurveys, surveyKeys, useSurveys } from './api/surveys'
