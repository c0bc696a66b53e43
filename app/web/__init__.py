"""The web UI (Gradio Blocks) over the engine the HTTP API shares: ask, read sources, check quotes, browse transcripts."""
