import './messages.css'
export { MessageLog } from './components/message-log'
export { ReminderSettingsSection } from './components/reminder-settings'
