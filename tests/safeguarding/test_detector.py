"""The safeguarding detector: realistic disclosures flag, everyday phrasing does not."""

import pytest

from portal.safeguarding import detect_risk
from portal.safeguarding.normalise import correct_spelling, edit_distance, normalise

DISCLOSURES = [
    # (text, a category it must carry)
    ("he hits me", "abuse"),
    ("my step dad hurts me", "abuse"),
    ("my stepdad hurts me when mum is at work", "abuse"),
    ("My step-dad keeps hitting me", "abuse"),
    ("i want to kill myslef", "suicide"),
    ("i want to kill myself", "suicide"),
    ("I want to kil myself", "suicide"),
    ("i wanna k1ll myself", "suicide"),
    ("kms", "suicide"),
    ("dont feel safe at home", "immediate_danger"),
    ("I don't feel safe at home", "immediate_danger"),
    ("i dnt feel safe", "immediate_danger"),
    ("I do not feel safe with him", "immediate_danger"),
    ("mum's boyfriend touched me", "sexual_abuse"),
    ("my mums boyfriend touched me", "sexual_abuse"),
    ("mums bf tuched me", "sexual_abuse"),
    ("my uncle touches me and tells me not to tell", "sexual_abuse"),
    ("uncle dave touched me", "sexual_abuse"),
    ("he touched me down there", "sexual_abuse"),
    ("im going to end it", "suicide"),
    ("I'm going to end it tonight", "suicide"),
    ("i just want to end it all", "suicide"),
    ("i want to die", "suicide"),
    ("i wanna die", "suicide"),
    ("I feel suicidal", "suicide"),
    ("thinking about suicide a lot", "suicide"),
    ("im suicidal", "suicide"),
    ("my daughter tried to kill herself last week", "suicide"),
    ("my son says he wants to die", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("i dont want to be here anymore", "suicide"),
    ("I don't want to be alive", "suicide"),
    ("i wish i was dead", "suicide"),
    ("theres no point in living", "suicide"),
    ("i cant go on like this", "suicide"),
    ("i cant take it any more", "suicide"),
    ("im going to take all my pills", "self_harm"),
    ("I took an overdose last night", "self_harm"),
    ("i have been cutting myself", "self_harm"),
    ("i cut myself again", "self_harm"),
    ("I self harm", "self_harm"),
    ("my son is self-harming", "self_harm"),
    ("i hurt myself on purpose sometimes", "self_harm"),
    ("she has been cutting herself", "self_harm"),
    ("my dad beats me", "abuse"),
    ("my dad beat me up", "abuse"),
    ("dad punched me in the face", "abuse"),
    ("my mum slaps me", "abuse"),
    ("my mum slapt me", "abuse"),
    ("she smacks my little brother", "abuse"),
    ("he kiks me", "abuse"),
    ("i get hit at home", "abuse"),
    ("I got beaten up by my brother", "abuse"),
    ("i was abused as a child and it is still happening", "abuse"),
    ("my foster carer hurts me", "abuse"),
    ("my brother is violent", "abuse"),
    ("i have bruises from my dad", "abuse"),
    ("my son hits his little sister", "abuse"),
    ("my dads mate hit me", "abuse"),
    ("he punched her girlfriend", "domestic_violence"),
    ("my partner hits me", "domestic_violence"),
    ("my husband beats me in front of the kids", "domestic_violence"),
    ("dad hits mum", "domestic_violence"),
    ("he hits my mum when he is drunk", "domestic_violence"),
    ("there is domestic violence at home", "domestic_violence"),
    ("he wont let me leave the house", "domestic_violence"),
    ("he controls my money and my phone", "domestic_violence"),
    ("my ex threatened to kill me", "immediate_danger"),
    ("he said he would kill me if i told anyone", "immediate_danger"),
    ("she says she will hurt me", "immediate_danger"),
    ("he is going to kill me", "immediate_danger"),
    ("he will kill me if i tell", "immediate_danger"),
    ("hes got a knife", "immediate_danger"),
    ("he is banging on the door", "immediate_danger"),
    ("i am scared to go home", "immediate_danger"),
    ("im sacred to go home", "immediate_danger"),
    ("i'm scared of my dad", "immediate_danger"),
    ("i am frightened of my stepdad", "immediate_danger"),
    ("i dont want to go home", "immediate_danger"),
    ("i am in danger", "immediate_danger"),
    ("please help me", "immediate_danger"),
    ("its not safe at home", "immediate_danger"),
    ("they lock me in my room", "immediate_danger"),
    ("he raped me", "sexual_abuse"),
    ("i was raped", "sexual_abuse"),
    ("i was sexually abused by a family friend", "sexual_abuse"),
    ("he keeps asking me for nudes", "sexual_abuse"),
    ("a man online asked for naked pics", "sexual_abuse"),
    ("he made me watch porn", "sexual_abuse"),
    ("i think i am being groomed", "sexual_abuse"),
    ("there is no food in the house", "neglect"),
    ("we have nothing to eat", "neglect"),
    ("i havent eaten for 2 days", "neglect"),
    ("im always hungry", "neglect"),
    ("mum leaves us alone all night", "neglect"),
    ("my mum is always drunk", "neglect"),
    ("dad is off his face on drugs", "neglect"),
    ("nobody looks after me", "neglect"),
    ("no one feeds us", "neglect"),
    ("they make me sell drugs", "exploitation"),
    ("i am carrying drugs for them", "exploitation"),
    ("i owe them money and they will hurt me", "exploitation"),
    ("county lines", "exploitation"),
    ("theres a man who keeps messaging my 13 year old and asking to meet", "exploitation"),
    ("some guy on snapchat keeps asking my daughter for pics", "exploitation"),
    ("an older lad online wants my son to keep it a secret", "exploitation"),
    ("someone i met on a game keeps asking me to meet up", "exploitation"),
    ("a man on insta keeps asking my 12yr old 2 meet up", "exploitation"),
    ("a stranger keeps messaging my daughter telling her not to tell me", "exploitation"),
    ("mum kicked me out", "homelessness"),
    ("i have nowhere to sleep tonight", "homelessness"),
    ("im sleeping in my car", "homelessness"),
    ("I am going to be homeless next week", "homelessness"),
    ("HE HITS ME!!!", "abuse"),
    ("he hiiiits me", "abuse"),
    ("my step dad hurts me \N{PENSIVE FACE}", "abuse"),
    ("i want 2 kil myslf", "suicide"),
    ("im gonna end it", "suicide"),
    ("u dont understand i want to die", "suicide"),
    # Violence at home, things thrown at someone, a child always bruised or left alone, a parent
    # or partner drunk again: the same cases as the assistant's own safety net.
    ("there is violence at home", "domestic_violence"),
    ("theres domestic violence in our house", "domestic_violence"),
    ("dad threw a plate at me and it cut me", "abuse"),
    ("she chucked a cup at my little sister", "abuse"),
    ("he threw his phone at me", "abuse"),
    ("a cup was thrown at me", "abuse"),
    ("he threw a bottle at my mum", "domestic_violence"),
    ("the boy across the road always has bruises", "abuse"),
    ("he has bruises all over and wont say why", "abuse"),
    ("unexplained bruises on my niece", "abuse"),
    ("she is covered in bruises", "abuse"),
    ("the kids next door are left alone all the time", "neglect"),
    ("they leave the baby on her own every night", "neglect"),
    ("my little brother is left by himself for days", "neglect"),
    ("mum is drunk again and we have nothing to eat", "neglect"),
    ("her boyfriend is off his face every night", "neglect"),
    ("dad got drunk again last night", "neglect"),
    ("i want to kill my self", "suicide"),
    ("im not safe", "immediate_danger"),
    ("i think the kids next door are neglected", "neglect"),
    ("my daughter has gone missing", "immediate_danger"),
    ("she ran away from home", "immediate_danger"),
    ("a boy in my sons class gets beaten at home", "abuse"),
    ("she keeps getting battered by her mums boyfriend", "domestic_violence"),
    ("my mate has been beat up by her dad", "abuse"),
    ("my 14 year old is being sexually exploited", "exploitation"),
]

BENIGN = [
    "the unit is dying for lack of money",
    "killing time at the drop-in",
    "my son hits his targets at school",
    "I'd kill for a weekend off",
    "I would kill for a short break",
    "this paperwork is killing me",
    "my back is killing me after the long drive",
    "the waiting is killing us",
    "I nearly died laughing at the panel",
    "I'm dying to see the results",
    "I could murder a cup of tea",
    "hit me up on whatsapp if you need anything",
    "hit me with your best joke",
    "it really hurts me that nobody rang back",
    "It hurt me to read the report",
    "we were hurt by the decision",
    "I was really touched by the support we got",
    "the story touched me",
    "my social worker's kindness touched me",
    "we felt safe and listened to",
    "my son feels safe at the unit",
    "the staff made us feel safe",
    "the car park is not safe at night",
    "he hit the ground running when he started",
    "it hit me how much work they put in",
    "the cuts to the budget will hurt families",
    "I'm starving after the long meeting",
    "my daughter was left alone to wait in reception for ten minutes",
    "my son is into killing zombies on his xbox",
    "we take the dog to dog grooming on tuesdays",
    "the annual review was amazing",
    "my son hit his head at school and they rang me straight away",
    "my daughter is scared of the dark",
    "my son is scared of dogs",
    "my son is in danger of being excluded",
    "I'm going to end it with my ex",
    "the meeting ended it all on a positive note",
    "I don't want to be here all day waiting for the bus",
    "I want to dye my hair",
    "I want to die my hair pink",
    "my son beat me at chess",
    "he beat me to it",
    "beats me why they closed the unit",
    "she pushes me to do my best",
    "my social worker pushed me to apply for college",
    "my son was kicked out of the club for being late",
    "there was no food at the meeting",
    "we were told about the food bank",
    "I was amused by the video",
    "I shared my views at the meeting",
    "I was starting to give up on getting a plan",
    "my son scored a goal at football",
    "the payment is overdue",
    "the young people were hunting for eggs",
    "I slipped on the ice outside",
    "my son can be aggressive at school when he is anxious",
    "The suicide prevention training for staff was good",
    "we were referred to the self harm service and it helped",
    "we went to a county lines awareness talk",
    "someone from the team wants to meet my son",
    "my pa keeps asking to meet me at the cafe",
    "can the social worker meet my son at home",
    "my son wants to meet other kids at the unit",
    "a man from the council asked me to send photos of the form",
    "the homeless team were brilliant",
    "please help me find a school place",
    "please help me fill in the form",
    "can someone help me with the paperwork",
    "I hurt myself playing football",
    "my son cut himself shaving",
    "my mum will kill me if I'm late",
    "my dad will kill me when he sees my report",
    "my brother and I hang out at the youth club",
    "I hang the washing out",
    "we are cutting back on spending",
    "my daughter had her hair cut",
    "the process was abusive of our time",
    "the news hit me hard",
    "nobody looks at the emails",
    "I will never forget how kind they were",
    "I felt listened to and the plan was aspirational",
    "the social worker explained why they were worried",
    "I did not get the report before the conference",
    "it was hard to contact the SEND case worker",
    "the agencies were not working well together",
    "my son loves punching the bag at boxing",
    "i was hit by a car last year and still have pain",
    "the realisation hit me",
    "he was touched by how many people came",
    "my mum is always busy",
    "my dad is high up in the council",
    "the temperature in the room was killing",
    "I am not at home on Tuesdays",
    "I'm not here on Fridays",
    "our cat scratched me",
    "it was a knockout event",
    "we had no heating problems at the unit",
    "he has a knife and fork at lunch",
    "the deadline is killing me",
    "the door was locked so we waited",
    "my son's teacher is amazing and he is never scared to go to school",
    "I got hit with a big bill",
    "the pandemic hit us hard",
    "i got kicked out of the group chat lol",
    "I'm home alone on Saturdays while mum works, which is fine",
    "she hit her targets this term",
    "he has never hit me",
    "my mate hit the jackpot",
    "my son threw a tantrum at the unit",
    "my son threw a tantrum at me when we left",
    "he threw the ball at me in the garden and we laughed",
    "she threw a look at me across the room",
    "they threw a lot of questions at us at the panel",
    "he got a bruise playing football",
    "she bruises easily because of her condition",
    "my son always has bruised knees from climbing",
    "can my 15 year old be left home alone for an hour",
    "violence in video games worries me",
    "my dad got drunk at the wedding",
    "we were beaten in the final",
    "we got beaten at chess again",
    "we have been beaten by a better team",
    "my self esteem is low",
    "the form has gone missing",
    "he is missing his dad",
    "",
    "   ",
]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_a_disclosure_is_flagged_with_its_category(text, category):
    assessment = detect_risk(text)
    assert assessment.flagged, text
    assert category in assessment.categories, (text, assessment.matches)


@pytest.mark.parametrize("text", BENIGN)
def test_everyday_phrasing_is_not_flagged(text):
    assessment = detect_risk(text)
    assert not assessment.flagged, (text, assessment.matches)


def test_the_matches_say_which_rule_fired_and_on_which_words():
    assessment = detect_risk("My step dad hurts me")
    assert [(m.rule, m.phrase) for m in assessment.matches] == [
        ("person hurts person", "my stepdad hurts me")
    ]
    assert assessment.category_labels == ("Abuse",)


def test_several_risks_in_one_answer_are_all_reported():
    assessment = detect_risk("He hits me and I want to kill myself. There's no food in the house.")
    assert set(assessment.categories) == {"abuse", "suicide", "neglect"}


def test_a_partner_hurting_a_mother_is_abuse_and_domestic_violence():
    assert set(detect_risk("my boyfriend hits me").categories) == {"abuse", "domestic_violence"}


def test_nothing_to_read_is_not_a_risk():
    assert not detect_risk(None).flagged
    assert detect_risk(None).categories == ()


def test_a_very_long_answer_is_read_to_the_end():
    text = "The short breaks unit has been a lifeline for us. " * 300 + "I want to kill myself."
    assert detect_risk(text).flagged


def test_normalising_expands_text_speak_and_joins_family_words():
    assert normalise("Im gonna tell u, my step-dad hurts me") == "i am going to tell you my stepdad hurts me"
    assert normalise("Mum\u2019s BF dnt care") == "mum boyfriend do not care"


def test_numbers_read_as_letters_only_inside_words_not_in_ages_or_times():
    assert normalise("i wanna k1ll myself") == "i want to kill myself"
    assert normalise("my 12yr old and my 13yo at 10am") == "my 12yr old and my 13yo at 10am"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("myslef", "myself"),
        ("mysefl", "myself"),
        ("suicde", "suicide"),
        ("suiciddal", "suicidal"),
        ("boyfreind", "boyfriend"),
        ("toutched", "touched"),
        ("stepdda", "stepdad"),
        ("fritened", "frightened"),
    ],
)
def test_misspellings_of_the_words_that_matter_are_corrected(typed, meant):
    assert correct_spelling(typed) == meant


@pytest.mark.parametrize(
    "word", ["amused", "amusing", "hunting", "starting", "shared", "scored", "overdue", "violet", "slipped"]
)
def test_real_words_close_to_alarming_ones_are_left_alone(word):
    assert correct_spelling(word) == word


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    assert edit_distance("myslef", "myself") == 1
    assert edit_distance("kitten", "sitting", limit=5) == 3
    assert edit_distance("abc", "abcdefgh", limit=2) == 3
