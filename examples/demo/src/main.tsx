import 'ltx-react/styles.css'
import './demo.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { loadDemoConfig } from './demo-config'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element.')
const config = await loadDemoConfig()
createRoot(root).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
)
