"""The Streamlit app: `navigation` (pages, page config), one module per page, `widgets` they share,
`text` and `conversation` (pure functions, no Streamlit) and `resources` (the notice, the one Assistant)."""
