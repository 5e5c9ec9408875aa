"""A web chat message in Polish gets help in Polish at once; the English-only assistant is not asked."""


def test_web_chat_in_polish_gets_polish_help_without_the_assistant(app, client, fake_rasa):
    app.config["RASA_URL"] = fake_rasa.url
    client.get("/chat")
    client.post("/chat", data={"message": "Dzień dobry, potrzebuję pomocy dla mojego dziecka"})
    html = client.get("/chat").get_data(as_text=True)
    assert "Aby uzyskać pomoc po polsku" in html
    assert fake_rasa.received == []
    client.post("/chat", data={"message": "What are short breaks?"})
    assert len(fake_rasa.received) == 1
