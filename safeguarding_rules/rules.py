"""The phrases that suggest a child or young person may be at risk, written over normalised text.

Each rule reads text that ``normalise()`` has already lower-cased, expanded ("dont" -> "do not",
"im" -> "i am") and spell-corrected, so patterns are written in plain canonical words.

Precision comes from structure rather than single words: "hits" only counts with a person as the
one hitting and a person being hit ("my step dad hits me", not "my son hits his targets"), "kill"
only with "myself" or with a threat ("he said he would kill me", not "I'd kill for a weekend
off"), and "touched" only with a person doing it ("my mum's boyfriend touched me", not "I was
touched by the support"). Where the two aims collide we favour recall: a worrying phrase that
could still be innocent ("I don't feel safe leaving him there") is flagged, because a person
reads every flag and a missed disclosure costs far more than a second look.
"""

import re
from dataclasses import dataclass

# Categories, in the words staff use.
SUICIDE = "suicide"
SELF_HARM = "self_harm"
ABUSE = "abuse"
SEXUAL_ABUSE = "sexual_abuse"
DOMESTIC_VIOLENCE = "domestic_violence"
IMMEDIATE_DANGER = "immediate_danger"
NEGLECT = "neglect"
EXPLOITATION = "exploitation"
HOMELESSNESS = "homelessness"

CATEGORY_LABELS = {
    SUICIDE: "Suicide",
    SELF_HARM: "Self-harm",
    ABUSE: "Abuse",
    SEXUAL_ABUSE: "Sexual abuse",
    DOMESTIC_VIOLENCE: "Domestic violence",
    IMMEDIATE_DANGER: "Immediate danger",
    NEGLECT: "Neglect",
    EXPLOITATION: "Exploitation",
    HOMELESSNESS: "Homelessness",
}

PARTNER = r"(?:boyfriend|girlfriend|partner|husband|wife|ex|fiance|fiancee)"
FAMILY = (
    r"(?:mum|dad|stepdad|stepmum|father|mother|parents?|brother|sister|uncle|aunt|auntie|aunty|nan|"
    r"nana|nanny|gran|grandad|grandpa|grandma|grandmother|grandfather|cousin|carer|foster carer|"
    r"teacher|coach|neighbour|friend|son|daughter|family|man|men|lad|lads|guy|guys|woman|adult|"
    r"adults|people|social worker|worker|staff|lodger|babysitter|childminder|mate|mates|" + PARTNER + ")"
)
TITLE = r"(?:uncle|aunt|auntie|aunty|cousin|mr|mrs|miss|grandad|nan)"
PERSON = (
    r"(?:\b(?:he|she|they|someone|somebody)"
    rf"|\b{TITLE} [a-z]+"
    rf"|\b(?:(?:my|our|his|her|their|the|a|an|this|that|older|mum|dad) )?(?:{FAMILY} )?{FAMILY})"
)
# A child or young person named without a family word: "my 14 year old", "my teenager", "a child".
CHILD = (
    r"(?:(?:my|our|the|a|her|his|their) (?:(?:little|baby|eldest|youngest|oldest|younger|older) )?"
    r"(?:\d{1,2} year old|child|children|kid|kids|teenager|teen|baby|girl|boy|little one))"
)
ADVERBS = (
    r"(?: (?:always|still|sometimes|really|often|just|even|also|then|regularly|usually|constantly|"
    r"again|keeps|kept|has|had|have|will|would|used to|is|was|has been|started|starts|tries to|"
    r"tried to|try to|wants to|keeps trying to|trying to|"
    r"next door|upstairs|downstairs|across the road|at school))*"
)
VICTIM = (
    r"(?:me|us|him|her|them|mum|my mum|the (?:kids|children|baby)|her kids|his kids|"
    r"my (?:(?:little|baby|big|younger|older|step) )?(?:sister|brother|baby|kids|children|child|son|"
    r"daughter|girl|boy|siblings?|wife|girlfriend|partner|body|face|head)|"
    r"(?:his|her|their) (?:(?:little|baby|big|younger|older) )?(?:sister|brother|baby|kids|children|child|"
    r"son|daughter|mum|girlfriend|boyfriend|wife|partner))"
)
# Things people hit that are not people: targets, goals, the roof.
NOT_A_PERSON_AFTER = (
    r"(?! (?:targets?|goals?|head|ball|stride|mark|limit|peak|spot|deadline|milestones?|grades?|"
    r"notes?|roof|wall|bottle|books?|hard)\b)"
)
VIOLENCE = (
    r"(?:hits|hit|hitting|beats|beat|beating|beaten|punches|punched|punching|kicks|kicked|kicking|"
    r"slaps|slapped|slapping|chokes|choked|choking|strangles|strangled|strangling|batters|battered|"
    r"smacks|smacked|smacking|pushes|pushed|shoves|shoved|bites|burns|burnt|burned|whips|whipped|"
    r"belts|belted|headbutted|headbutts|attacks|attacked|assaults|assaulted|hurts|hurt|hurting|"
    r"harms|harmed|grabs|grabbed|drags|dragged|throws things at|threw things at|abuses|abused|abusing|"
    r"kick|punch|slap|choke|strangle|batter|smack|shove|bite|burn|whip|abuse|beat up|beats up|beating up)"
)
AFRAID = r"(?:scared|frightened|terrified|afraid)"
# How often or how long: what turns "left alone" or "drunk" from one evening into a way of living.
OFTEN = (
    r"(?:all the time|every (?:day|night|weekend)|most (?:days|nights)|all (?:day|night|weekend)|overnight"
    r"|for (?:days|hours|\w+ days)|at night)"
)
# Things thrown in play or in words, not at someone: "threw the ball at me", "threw a tantrum".
THROWN_IN_PLAY = (
    r"(?:balls?|frisbees?|snowballs?|pillows?|water balloons?|beanbags?|tantrums?|strops?|wobbly|paddy|"
    r"party|looks?|glances?|smiles?|winks?|questions?|jargon|information|paperwork|forms?|a lot|everything|"
    r"ideas?|compliments?|curveballs?)"
)

# Beaten in a game, not by a person: "we were beaten in the final", "getting beaten at chess".
LOST_A_GAME = (
    r"\bbeat(?:en)? (?:\w+ )?(?:in (?:the|a|our|their) (?:\w+ )?(?:final|semi final|match|game|cup|league|"
    r"race|quiz|round|tournament)|at (?:chess|cards|football|pool|darts|a game|the game)|"
    r"by (?:a|the) (?:better )?(?:team|side|club))\b"
)


@dataclass(frozen=True)
class Rule:
    """One worrying phrase: its category, a name for staff and tests, and the pattern."""

    name: str
    category: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None  # tried on the match and the words just after it
    also: tuple[re.Pattern[str], ...] = ()  # each must be found somewhere in the text too


def rule(
    name: str, category: str, pattern: str, unless: str | None = None, also: tuple[str, ...] = ()
) -> Rule:
    """Compile a rule; ``unless`` is tried on the match plus the 40 characters after it, and every
    pattern in ``also`` must be found somewhere in the same text."""
    return Rule(
        name,
        category,
        re.compile(pattern),
        re.compile(unless) if unless else None,
        tuple(re.compile(extra) for extra in also),
    )


RULES: tuple[Rule, ...] = (
    # Suicide and self-harm
    rule("suicide word", SUICIDE, r"\bsuicid(?:e|al)\b", unless=r"^suicide (?:prevention|awareness)"),
    rule("kill myself", SUICIDE, r"\b(?:kill|killing|killed|hang|hanging|hanged) (?:myself|yourself)\b"),
    rule(
        "third person suicide",
        SUICIDE,
        r"\b(?:kill|killing|killed|hang|hanging|hanged) (?:himself|herself|themselves|themself)\b",
    ),
    rule("end my life", SUICIDE, r"\b(?:end|ending|take|taking) (?:my|her|his|their) (?:own )?life\b"),
    rule("end it all", SUICIDE, r"\bend (?:it all|everything)\b"),
    rule(
        "going to end it",
        SUICIDE,
        r"\b(?:going to|want to|will|about to|might|could|should|just|gonna|thinking of|thinking about) "
        r"(?:just )?end(?:ing)? (?:it|things)\b",
        unless=r" (?:with|for|early|there|here|between|now for today)\b",
    ),
    rule(
        "want to die",
        SUICIDE,
        r"\b(?:want|wants|wanted|wanting|ready|going) to die\b",
        unless=r"^\w+ to die (?:(?:my|her|his|your|the) )?hair\b",
    ),
    rule("wish I was dead", SUICIDE, r"\bwish i (?:was|were) (?:dead|not alive|not here|never born)\b"),
    rule("wish never born", SUICIDE, r"\bwish i had never been born\b"),
    rule("better off dead", SUICIDE, r"\bbetter off (?:dead|without me)\b"),
    rule(
        "nobody would care if I died",
        SUICIDE,
        r"\b(?:nobody|no one|no body) would (?:care|notice|miss me) if i "
        r"(?:died|was dead|was gone|disappeared)\b"
        r"|\b(?:want|wish i could|going) to disappear (?:forever|for good)\b",
    ),
    rule(
        "do not want to live",
        SUICIDE,
        r"\bdo not want to (?:be alive|live|be here anymore|exist|wake up|be on this earth)\b",
    ),
    rule(
        "no reason to live",
        SUICIDE,
        r"\bno (?:reason|point) (?:to|in) (?:live|living|being alive|going on)\b",
    ),
    rule("cannot go on", SUICIDE, r"\bcan not (?:go on|take (?:it|this) anymore)\b"),
    rule("not worth living", SUICIDE, r"\b(?:life is )?not worth (?:living|it anymore)\b"),
    rule("overdose", SELF_HARM, r"\b(?:overdose|overdosed|overdosing)\b"),
    rule(
        "take all my pills",
        SELF_HARM,
        r"\b(?:take|took|taken|taking|swallow|swallowed) (?:all|loads|lots|a load|too many) (?:of )?"
        r"(?:my |the )?(?:pills|tablets|paracetamol|meds|medication)\b",
    ),
    rule(
        "self harm",
        SELF_HARM,
        r"\bself harm",
        unless=r"^self harm\w* (?:team|service|training|awareness|"
        r"leaflet|nurse|clinic|worker|course|policy)\b",
    ),
    rule(
        "harm myself",
        SELF_HARM,
        r"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|starve|starving|stab|stabbing|"
        r"scratch|scratching) myself\b",
        unless=r"^\w+ myself (?:playing|falling|lifting|tripping|slipping|shaving|cooking|at the gym|"
        r"on (?:a|the))\b",
    ),
    rule(
        "harm themselves",
        SELF_HARM,
        r"\b(?:harm|harming|cut|cutting|burn|burning|starve|starving) (?:himself|herself|themselves)\b",
        unless=r"^\w+ \w+ (?:playing|shaving|cooking|on (?:a|the)|by accident|accidentally)\b",
    ),
    rule(
        "hurt themselves on purpose",
        SELF_HARM,
        r"\b(?:hurt|hurting|hurts) (?:himself|herself|themselves) (?:on purpose|deliberately)\b",
    ),
    rule(
        "cuts on arms",
        SELF_HARM,
        r"\b(?:cut|cuts|cutting|cut up) (?:on )?my (?:arms?|legs?|wrists?|thighs?)\b",
    ),
    rule(
        "jump off",
        SUICIDE,
        r"\b(?:jump|jumping) (?:off|from) (?:a|the) (?:bridge|building|roof|car park|cliff)\b"
        r"|\b(?:in front of|under) a (?:train|bus|lorry|car)\b",
    ),
    # Violence towards a person
    rule(
        "person hurts person",
        ABUSE,
        rf"{PERSON}{ADVERBS} {VIOLENCE} {VICTIM}\b{NOT_A_PERSON_AFTER}",
        unless=r" (?:me|us|him|her|them) (?:at|in|to) (?:chess|cards|football|a game|the game|it)\b"
        r"|\bhit (?:me|us) up\b| (?:kicked|kicks|kicking) (?:me|us|him|her|them) out\b"
        r"| (?:pushes|pushed) (?:me|us|him|her|them) to\b| (?:grabbed|grabs) (?:me|us) a\b",
    ),
    rule(
        "I get hit",
        ABUSE,
        r"\b(?:i|we) (?:get|gets|got|was|were|am|are|have been|keep getting|been) (?:\w+ )?"
        r"(?:hit|beaten|beat|punched|kicked|slapped|strangled|choked|battered|smacked|abused|whipped|"
        r"belted|thrown around)\b",
        unless=r"^(?:i|we) \w+ (?:\w+ )?\w+ (?:by a (?:car|bus|ball|van|bike|lorry)|out|off|up by the|"
        r"with (?:a|an|the) (?:\w+ )?(?:bill|fine|charge|letter|invoice|cost|fee))\b|" + LOST_A_GAME,
    ),
    rule(
        "gets beaten",
        ABUSE,
        rf"\b(?:gets|get|getting|being|been) (?:bullied and )?(?:beaten|battered|beat up|abused)"
        rf"(?: (?:at home|by {PERSON}))?\b",
        unless=LOST_A_GAME,
    ),
    rule(
        "beat me up",
        ABUSE,
        r"\b(?:beat|beats|beating|beaten|battered|batters) (?:me|us) up\b",
    ),
    rule(
        "hit with something",
        ABUSE,
        r"\b(?:hit|hits|hitting|beat|beats|beating|whipped|whips|smacked|smacks|belted) "
        r"(?:me|us|him|her|them|my (?:\w+ )?(?:son|daughter|brother|sister|child|kids|baby)) with "
        r"(?:a|an|his|her|their|the|my) (?:belt|stick|shoe|slipper|cable|wire|hanger|coat hanger|bat|"
        r"hammer|bottle|plate|chair|lead|dog lead|wooden spoon|spoon|fist|ruler|remote)\b",
    ),
    rule("hurt by a person", ABUSE, rf"\b(?:hurt|harmed|attacked|assaulted) by {PERSON}\b"),
    rule(
        "being hurt",
        ABUSE,
        rf"\b(?:(?:i|we|he|she|they|child|children|kids?|baby|girl|boy) (?:am|is|are) being "
        rf"(?:hurt|harmed|abused|hit)\b|(?:gets|get|getting|being) (?:hurt|hit|smacked|slapped|harmed) "
        rf"(?:at home|by {PERSON}|(?:round|around|across|on) the (?:head|face))\b)",
    ),
    rule(
        "is violent",
        ABUSE,
        rf"{PERSON}{ADVERBS} (?:is|are|was|were|gets|can be|becomes) (?:violent|abusive)\b",
    ),
    rule("abused", ABUSE, r"\b(?:physically|emotionally|mentally) (?:abused|abusive|abusing)\b"),
    rule("marks and bruises", ABUSE, rf"\b(?:bruises|bruised|marks) (?:from|because of) {PERSON}\b"),
    rule(
        "thrown at a person",
        ABUSE,
        rf"\b(?:threw|throws|throw|thrown|throwing|chucked|chucks|chucking|lobbed|hurled) "
        rf"(?:(?!at\b)\w+ ){{0,3}}at {VICTIM}\b",
        unless=rf"^\w+ (?:(?!at\b)\w+ ){{0,2}}{THROWN_IN_PLAY}\b",
    ),
    rule(
        "always bruised",
        ABUSE,
        r"\b(?:always|often|constantly|regularly|keeps? (?:getting|having)|covered in|unexplained)"
        r"(?: \w+)? bruis\w*|\bbruis\w* all over\b",
        unless=r"\beasily\b|\bbruis\w* (?:knees?|shins?)\b|\bplaying (?:football|rugby|hockey|sports?)\b"
        r"|\bbecause of (?:a|an|her|his|their|my) (?:\w+ )?(?:condition|illness|medication)\b",
    ),
    # Sexual abuse
    rule(
        "person touched me",
        SEXUAL_ABUSE,
        rf"{PERSON}{ADVERBS} (?:touched|touches|touching|touch|fondled|fondles|groped|gropes|molested|"
        r"molests|raped|rapes|sexually abused|sexually assaulted) (?:me|us|her|him|my|them)\b",
        unless=r" (?:me|us) (?:deeply|greatly|so much|emotionally|with (?:her|his|their))\b",
    ),
    rule(
        "touched my private parts",
        SEXUAL_ABUSE,
        r"\b(?:touched|touches|touching|touch) (?:me |my )?(?:down there|privates?|private parts|bum|bottom|"
        r"chest|boobs|breasts|willy|penis|vagina|fanny|between my legs|inappropriately|where)\b",
    ),
    rule("rape", SEXUAL_ABUSE, r"\b(?:rape|raped|raping|rapist|molest\w*|groped|groping)\b"),
    rule("sexual abuse", SEXUAL_ABUSE, r"\bsexual(?:ly)? (?:abuse|abused|abusing|assault|assaulted)\b"),
    rule("groomed", SEXUAL_ABUSE, rf"\b(?:groomed|grooming {VICTIM})\b"),
    rule(
        "nudes",
        SEXUAL_ABUSE,
        r"\b(?:send|sends|sent|ask|asks|asking|asked|wants|want|makes|made|pressures|pressured)"
        r"(?: me| him| her| them)?(?: to send| for| to)?(?: me| him| her| them)? "
        r"(?:nudes|naked (?:pictures|pics|photos|selfies)|pictures of my body)\b",
    ),
    rule(
        "made me do sexual things",
        SEXUAL_ABUSE,
        r"\b(?:made|makes|make|forced|forces|force|tries to make|tried to make) me (?:have sex|do sexual|"
        r"touch (?:him|her|his|them)|watch porn|send nudes|take my clothes off|kiss him|sleep with)\b"
        r"|\b(?:shows|showed|show) me porn\b",
    ),
    # Domestic violence and coercive control
    rule(
        "made to do things",
        ABUSE,
        r"\b(?:makes|made|forces|forced) (?:me|us|her|him) (?:to )?do things (?:i|we|she|he) "
        r"(?:do not|did not|does not) want\b",
    ),
    rule("domestic violence", DOMESTIC_VIOLENCE, r"\b(?:domestic (?:violence|abuse)|dv|coercive control)\b"),
    rule(
        "violence at home",
        DOMESTIC_VIOLENCE,
        r"\b(?:violen(?:ce|t)|abuse) (?:at|in (?:the|our|my|their|his|her)) (?:home|house|flat)\b",
    ),
    rule(
        "controls me",
        DOMESTIC_VIOLENCE,
        rf"\b(?:he|she|my {PARTNER}) (?:controls|checks) (?:me|my money|my phone|everything|where i go|"
        r"who i see)\b|\b(?:will not|never|does not|wont) let me (?:leave|go out|out|see my|have my own)\b",
    ),
    rule(
        "threat to kill",
        IMMEDIATE_DANGER,
        r"\b(?:threatened|threatens|threatening|threaten) (?:me |us |to |that he would |that she would )?"
        r"(?:to )?(?:kill|hurt|hit|stab|beat|burn|strangle|take the kids|take my)\b"
        r"|\b(?:threatened|threatens|threatening) "
        r"(?:me|us|my (?:child|children|kids|son|daughter|baby|family))\b",
        unless=r" with (?:a |an )?(?:fine|court|legal|eviction|exclusion|letter|the bailiffs|bailiffs|"
        r"debt)\b",
    ),
    rule(
        "said he would kill me",
        IMMEDIATE_DANGER,
        r"\b(?:said|says|told me|keeps saying) (?:that )?(?:he|she|they) (?:would|will|is going to|was going "
        r"to|are going to|were going to) (?:kill|hurt|stab|beat|batter|strangle) (?:me|us|my|her|him)\b",
    ),
    rule(
        "going to kill me",
        IMMEDIATE_DANGER,
        rf"\b(?:is going to|going to|will|wants to|want to|is coming to|tried to|try to|trying to) "
        rf"(?:kill|stab|strangle|murder|hurt|batter|beat up) {VICTIM}\b",
        unless=r" (?:if|when) (?!(?:i|we) (?:tell|told|say|said|speak|leave|left|go to|call|ring|report)"
        r"|(?:anyone|anybody|you|they|he|she) (?:finds? out|tells?))",
    ),
    rule(
        "weapon",
        IMMEDIATE_DANGER,
        r"\b(?:has|had|got|with|holding|pulled|waving|carrying|carries|brought) "
        r"(?:a|his|her) (?:knife|gun|weapon|machete|blade)\b",
        unless=r" knife and fork\b",
    ),
    # Feeling unsafe now
    rule(
        "do not feel safe",
        IMMEDIATE_DANGER,
        r"\b(?:do not|does not|did not|never|not|can not) (?:really |ever )?feel (?:very )?safe\b",
    ),
    rule(
        "not safe at home",
        IMMEDIATE_DANGER,
        rf"\b(?:(?:not|never) safe|unsafe) (?:at home|here|in (?:my|our|the) (?:home|house|flat|room)"
        rf"|with {PERSON}|around {PERSON})\b",
    ),
    rule(
        "scared to go home",
        IMMEDIATE_DANGER,
        rf"\b{AFRAID} (?:to go (?:back )?home|of going home|to be at home|at home|to be in the house|"
        rf"to go back|of {PERSON}|of what (?:he|she|they) (?:will|might) do)\b",
        unless=r"^\w+ of (?:the|a) (?:dark|dentist|dog|dogs|doctor|spiders?)\b",
    ),
    rule(
        "do not want to go home", IMMEDIATE_DANGER, r"\bdo not want to go (?:back )?home\b", unless=r" yet\b"
    ),
    rule(
        "in danger",
        IMMEDIATE_DANGER,
        rf"\b(?:i am|we are|she is|he is|they are|am|are|{CHILD} (?:is|are)) in danger\b",
        unless=r"\bin danger of\b",
    ),
    rule("I am not safe", IMMEDIATE_DANGER, r"\b(?:i am|we are|she is|he is|they are) (?:not safe|unsafe)\b"),
    rule(
        "gone missing",
        IMMEDIATE_DANGER,
        rf"(?:{PERSON}|{CHILD}) (?:has |have |had )?(?:gone|been|is|went) missing\b"
        r"(?! (?:the|a|an|out|his|her|my|their|our|your|you|school|lessons?|appointments?)\b)"
        r"|\b(?:ran|run|runs|running|has run|have run|keeps running) away from (?:home|care)\b"
        rf"|(?:{PERSON}|{CHILD}) (?:has|have|had|keeps|keep) (?:run|running|ran) away\b"
        rf"|(?:{PERSON}|{CHILD}) (?:has not|have not|did not) (?:come|came) (?:back )?home\b"
        r"(?! yet\b| from work\b)",
    ),
    rule(
        "breaking in",
        IMMEDIATE_DANGER,
        r"\b(?:banging on the (?:door|window)|trying to (?:get|break) in|broke in|breaking in"
        r"|kicking the door)\b",
    ),
    rule(
        "help me now",
        IMMEDIATE_DANGER,
        r"\b(?:please help me|help me please|help me now|help us now|need help now|help me quick)\b",
        unless=r" (?:fill|to fill|with|understand|find|get|complete|to get|to find|choose|apply|sort)\b",
    ),
    rule("locked in", IMMEDIATE_DANGER, r"\b(?:locked|locks|lock|locking) (?:me|us|them) (?:in|up)\b"),
    # Neglect
    rule(
        "no food",
        NEGLECT,
        r"\b(?:no food|nothing to eat|not eaten|not had anything to eat|have not eaten|has not eaten)"
        r"(?: (?:in|at) (?:the house|home)| for (?:days|\w+ days)| in (?:days|\w+ days)| today)?\b",
        unless=r"^no food (?:bank|allergies|waste|was|for the|at the (?:event|meeting|group))\b",
    ),
    rule(
        "neglected",
        NEGLECT,
        r"\b(?:am|is|are|was|were|being|been|get|gets|feel|feels|felt) (?:\w+ )?neglected\b"
        rf"|\bneglect(?:s|ed|ing) {VICTIM}\b",
    ),
    rule(
        "always hungry",
        NEGLECT,
        r"\b(?:always|constantly|often) (?:hungry|starving)\b|\b(?:hungry|starving) "
        r"(?:all the time|every day|at home)\b",
    ),
    rule(
        "left alone",
        NEGLECT,
        rf"\b(?:(?:left|leaves|leave|leaving) (?:me|us|the (?:kids|children|baby)|(?:my|her|his|their) "
        rf"(?:little )?(?:brother|sister|kids|children|baby)s?)|(?:is|are|was|were|get|gets|been|being) left)"
        rf" (?:home )?(?:alone|on (?:my|our|his|her|their) own|by (?:myself|ourselves|himself|herself"
        rf"|themselves)|at home) {OFTEN}\b|\bhome alone {OFTEN}\b",
    ),
    rule(
        "nobody looks after me",
        NEGLECT,
        rf"\bnobody (?:looks after|feeds|cares for|takes care of) {VICTIM}\b",
    ),
    rule(
        "parents drunk",
        NEGLECT,
        r"\b(?:mum|dad|stepdad|stepmum|parents|mother|father|they|he|she) (?:is|are|gets|get) (?:always |"
        r"often |constantly )?(?:drunk|high|off (?:her|his|their) face|passed out|on drugs)\b"
        r"\b|\b(?:mum|dad|parents) (?:takes?|does|do) drugs\b",
        unless=r" high up\b",
    ),
    rule(
        "drunk again",
        NEGLECT,
        rf"\b(?:mum|dad|stepdad|stepmum|parents|mother|father|carer|{PARTNER}) "
        rf"(?:is|are|was|were|gets|get|got) (?:drunk|wasted|high|off (?:her|his|their) face|passed out"
        rf"|on drugs) (?:again|{OFTEN})\b",
    ),
    # Exploitation
    rule(
        "county lines",
        EXPLOITATION,
        r"\bcounty lines?\b",
        unless=r"^county lines? (?:awareness|training|talk)",
    ),
    rule(
        "made to carry drugs",
        EXPLOITATION,
        r"\b(?:made|make|makes|forced|forces|force|making) (?:me|us|him|her) (?:to )?(?:sell|carry|hold|"
        r"deliver|move|stash) (?:drugs|weed|stuff|packages|money|a package)\b"
        r"|\b(?:selling|carrying|holding|dealing|running) drugs for\b",
    ),
    rule(
        "exploited",
        EXPLOITATION,
        r"\b(?:being|been|getting|is|are|was|were) (?:\w+ )?(?:sexually |criminally )?exploited\b",
    ),
    rule("owe them money", EXPLOITATION, r"\b(?:i|we) owe (?:them|him|her|some people) money\b"),
    # Grooming: an adult or a stranger met online asks a child to meet, for pictures or for secrecy
    # ("a man keeps messaging my 13 year old and asking to meet"; not "my PA wants to meet me").
    rule(
        "adult asking a child to meet",
        EXPLOITATION,
        r"\b(?:asking|asks|asked|ask|wants|wanted|trying|tried|keeps|kept|told|tells|telling)(?: \w+){0,3} "
        r"(?:to meet|meet up|for (?:pics|pictures|photos|selfies)|to send (?:pics|pictures|photos|selfies)|"
        r"to keep (?:it )?(?:a )?secret|not to tell)\b",
        unless=r"\b(?:pics|pictures|photos) of (?:the|a|an|your|my|his|her|our) "
        r"(?:forms?|letters?|documents?|receipts?|bills?|passport|id|certificates?|payslips?)\b",
        also=(
            r"\b(?:man|men|guy|bloke|adult|stranger|older (?:boy|lad|man|guy|girl|woman)|woman"
            r"|(?:someone|somebody|a person)(?: \w+){0,2} (?:online|on (?:snap\w*|insta\w*|tiktok|a game|"
            r"xbox|fortnite|roblox|discord|whatsapp|facebook|the internet)|(?:i|he|she|they) met))\b",
            r"\bmy (?:\w+ )?(?:son|daughter|child|kid|boy|girl|\w*(?:yr|year)s? old)\b|\b(?:me|him|her)\b",
        ),
    ),
    # Homelessness
    rule(
        "kicked me out",
        HOMELESSNESS,
        r"\b(?:kicked|thrown|threw|chucked|kicking|throwing|kick|throw) (?:me|us) out\b",
        unless=r" out (?:of (?:the|a) (?:class|lesson|club|game|group|meeting))\b",
    ),
    rule(
        "homeless",
        HOMELESSNESS,
        r"\b(?:i am|we are|i will be|we will be|been made|made|become|becoming|have been|about to be|"
        r"going to be) homeless\b",
    ),
    rule(
        "nowhere to sleep", HOMELESSNESS, r"\bnowhere (?:to (?:sleep|stay|live)|to go tonight|safe to stay)\b"
    ),
    rule(
        "sleeping rough",
        HOMELESSNESS,
        r"\b(?:sleeping|slept|sleep) (?:rough|on the streets?|in (?:a|my|the) car|on a bench|in a tent|"
        r"in a park)\b|\bsofa surfing\b",
    ),
)
