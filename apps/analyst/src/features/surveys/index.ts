export { listSurveys, surveyKeys, useSurveys } from './api/surveys'
