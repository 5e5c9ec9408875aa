"""The intent model's own components: text-speak lemmas and the unknown-words features."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.text_speak import TextSpeakTokenizer, usual_spelling
from addons.vocabulary_featurizer import VocabularyFeaturizer, learn_vocabulary


def tokenizer() -> TextSpeakTokenizer:
    return TextSpeakTokenizer(TextSpeakTokenizer.get_default_config())


def tokenized(text: str, intent: str | None = None) -> Message:
    message = Message(data={TEXT: text, **({"intent": intent} if intent else {})})
    tokenizer().process([message])
    return message


def lemmas(text: str) -> list[str]:
    return [token.lemma for token in tokenized(text).get(TOKENS_NAMES[TEXT])]


def test_text_speak_gets_its_usual_spelling_as_lemma():
    assert lemmas("wot short breaks r there 4 my son hes 12") == [
        "what",
        "short",
        "breaks",
        "are",
        "there",
        "4",
        "my",
        "son",
        "he s",
        "12",
    ]
    assert lemmas("Thx PLS") == ["thanks", "please"]


def test_what_was_typed_is_kept_as_the_token_text_for_entities():
    message = tokenized("akorns in Kiddy")
    assert [token.text for token in message.get(TOKENS_NAMES[TEXT])] == ["akorns", "in", "Kiddy"]


def test_a_contraction_without_its_apostrophe_reads_like_the_one_with_it():
    assert lemmas("im 17 and cant cope") == ["i m", "17", "and", "can t", "cope"]
    assert lemmas("i'm 17 and can't cope") == ["i", "m", "17", "and", "can", "t", "cope"]


def test_digits_and_ordinary_words_are_left_alone():
    assert usual_spelling("4") == "4"
    assert usual_spelling("Cheers") == "cheers"


def test_only_the_message_text_is_given_new_lemmas():
    message = Message(data={TEXT: "thx", "intent": "thank"})
    [token] = tokenizer().tokenize(message, "intent")
    assert token.lemma == "thank"


def training_data() -> TrainingData:
    examples = [
        ("short breaks for my son", "faq"),
        ("short breaks near kiddy", "find_service"),
        ("my son needs respite", "faq"),
        ("sausages sausages", "out_of_scope"),
        ("netflix and sausages", "out_of_scope"),
        ("hydrotherapy pool", "find_service"),
    ]
    data = TrainingData(
        training_examples=[tokenized(text, intent) for text, intent in examples],
        lookup_tables=[{"name": "town", "elements": ["Wythall", "wyre forest"]}],
    )
    return data


def test_the_vocabulary_is_in_scope_words_used_twice_and_the_lookup_tables():
    vocabulary = learn_vocabulary(training_data(), "out_of_scope", min_examples=2)
    assert {"short", "breaks", "son", "my"} <= vocabulary
    # once only, or only out of scope: unknown
    assert not {"hydrotherapy", "respite", "sausages", "netflix"} & vocabulary
    assert {"wythall", "wyre", "forest"} <= vocabulary


@pytest.fixture
def featurizer(tmp_path) -> VocabularyFeaturizer:
    context = ExecutionContext(GraphSchema({}), node_name="vocabulary")
    storage = LocalModelStorage(tmp_path)
    resource = Resource("vocabulary")
    trained = VocabularyFeaturizer.create(
        VocabularyFeaturizer.get_default_config(), storage, resource, context
    )
    trained.train(training_data())
    return VocabularyFeaturizer.load(VocabularyFeaturizer.get_default_config(), storage, resource, context)


def features(featurizer: VocabularyFeaturizer, text: str):
    message = tokenized(text)
    featurizer.process([message])
    sequence, sentence = message.get_sparse_features(TEXT)
    return sequence.features.toarray().tolist(), sentence.features.toarray().tolist()


def test_a_message_of_unknown_words_is_marked_as_such(featurizer):
    sequence, sentence = features(featurizer, "ajshdjs dinosaur")
    assert sentence == [[1.0, 1.0]]
    assert sequence == [[1.0, 0.0], [1.0, 0.0]]


def test_known_words_and_digits_count_as_known(featurizer):
    sequence, sentence = features(featurizer, "short brks my son hes 12")
    # "he s" is the only unknown word of five; the digits are not counted
    assert sentence == [[pytest.approx(1 / 5), 0.0]]
    assert [row[0] for row in sequence] == [0.0, 0.0, 0.0, 0.0, 1.0, 0.0]


def test_the_vocabulary_survives_saving_and_loading(featurizer):
    assert "wythall" in featurizer.vocabulary
    assert features(featurizer, "wythall")[1] == [[0.0, 0.0]]


def test_min_examples_must_be_positive():
    with pytest.raises(ValueError):
        VocabularyFeaturizer.validate_config({**VocabularyFeaturizer.get_default_config(), "min_examples": 0})
