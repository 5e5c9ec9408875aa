// Starts GOV.UK Frontend's components (menus, character counts, "Exit this page").
import { initAll } from '/static/build/govuk-frontend.min.js'

initAll()
