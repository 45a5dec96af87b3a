"""The IP Tasks Assistant in the browser: `streamlit run app.py` (or `make run`).

The pages live in assistant/ui/ (navigation.py lists them and sets the page config once per run).
"""

from assistant.ui.navigation import run

run()
