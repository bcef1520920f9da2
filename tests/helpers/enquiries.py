"""A practitioner's question, as the "Ask the author" form receives it."""

QUESTION = {
    "name": "Priya Practitioner",
    "email": "priya@example.org",
    "organisation": "",
    "message": "How did you recruit the volunteers?",
}
