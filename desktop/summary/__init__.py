"""The printed summary: one document model, rendered to Markdown, HTML, PDF and paper."""
