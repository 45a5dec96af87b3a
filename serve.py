"""What `make run` serves: the app of app.py, its Assistant loaded as the server starts.

`streamlit run serve.py` serves app.py through `st.App` with a lifespan hook
(assistant/ui/resources.py) that starts loading the model and the index, and
imports the pages, before the first visitor arrives. `streamlit run app.py`
serves the same app and loads them when the first page runs.
"""

import streamlit as st

from assistant.ui.resources import lifespan

app = st.App("app.py", lifespan=lifespan)
