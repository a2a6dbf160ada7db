/**
 * Spots free text suggesting a child may be at risk of harm, so it is answered with "speak to
 * your designated safeguarding lead and the children's services front door now" instead of being
 * queued as routine advice. Safeguarding is not early help.
 *
 * Recall matters more than precision: a miss leaves a child at risk in a queue, a false alarm
 * costs a SENCO one extra sentence to read. Patterns are phrases with word boundaries rather than
 * bare words, so ordinary SEND language ("hits other children when frustrated", "meltdowns",
 * "self-regulation", "kills time", "scared of loud noises") does not trigger. Negation is handled
 * lightly (see isNegated). Every pattern has bounded repetition only, so matching is linear.
 */

export interface SafeguardingSignal {
  phrase: string;
  category:
    | "physical-abuse"
    | "sexual-abuse"
    | "neglect"
    | "emotional-abuse"
    | "self-harm-suicide"
    | "domestic-abuse"
    | "exploitation"
    | "immediate-danger"
    | "disclosure";
}

type Category = SafeguardingSignal["category"];

interface SignalPattern {
  category: Category;
  pattern: RegExp;
}

/** Adults and family members whose harm to a child is a safeguarding matter. */
const ADULT =
  "(?:dad|daddy|father|mum|mummy|mom|mother|step-?dad|step-?mum|step-?father|step-?mother|parents?|carers?|uncle|aunt|auntie|grandad|granddad|grandpa|grandma|nan|nana|brother|sister|boyfriend|girlfriend|partner|someone at home|an adult|a man|a woman|adults|family member|foster carer)";
const CARER = "(?:dad|daddy|father|mum|mummy|mom|mother|step-?dad|step-?mum|step-?father|step-?mother|parents?|carers?|uncle|mum's (?:boyfriend|partner)|dad's (?:girlfriend|partner))";
const HARM_VERBS =
  "(?:hits?|hitting|whack(?:s|ed|ing)?|thump(?:s|ed|ing)?|batter(?:s|ed|ing)?|wallop(?:s|ed)?|spank(?:s|ed|ing)?|bash(?:es|ed|ing)?|thrash(?:es|ed)?|struck|strikes|beats?|beating|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|slap(?:s|ped|ping)?|smack(?:s|ed|ing)?|hurts?|hurting|burn(?:s|t|ed)|chok(?:es|ed|ing)|strangl\\w*|throttl\\w*|whip(?:s|ped)?|shov(?:es|ed)|push(?:es|ed)|grabb?(?:s|ed)|throws|threw|attack(?:s|ed)|bit|bites)";
const PASSIVE_HARM = "(?:whacked|thumped|battered|walloped|spanked|bashed|thrashed|struck|hit|beaten|punched|kicked|slapped|smacked|hurt|burnt|burned|strangled|choked|whipped|pushed|thrown|attacked|bitten)";
const BODY =
  "(?:face|neck|back|(?:fore|upper\\s)?arms?|legs?|body|cheeks?|ears?|eyes?|wrists?|thighs?|bottom|head|chest|stomach|tummy|ribs|hands?|shoulders?|lips?)";
const POSSESSIVE = "(?:his|her|their|my|the)";
/** Up to three words, none of them a new subject: "Mum says he hits her" is the child hitting Mum. */
const FEW_WORDS = "(?:\\s+(?!(?:he|she|they|it|i|we|you)\\b)[\\w'’-]+){0,3}?";
const ANY_FEW_WORDS = "(?:\\s+[\\w'’-]+){0,4}?";

/** Case-insensitive phrase; acronyms ("MASH", "CSE") pass caseSensitive so "mash" or "cse" stay quiet. */
function phrase(category: Category, source: string, caseSensitive = false): SignalPattern {
  return { category, pattern: new RegExp(source, caseSensitive ? "g" : "gi") };
}

const SIGNAL_PATTERNS: SignalPattern[] = [
  // --- physical abuse -------------------------------------------------------------------------
  phrase("physical-abuse", `\\b${ADULT}${FEW_WORDS}\\s+${HARM_VERBS}(?:\\s+[\\w'-]+){0,4}?\\s+(?:him|her|them|me|us|(?:his|her|their)\\s+${BODY})\\b`),
  phrase("physical-abuse", `\\b(?:${HARM_VERBS}|${PASSIVE_HARM})(?:\\s+[\\w'-]+){0,3}?\\s+(?:with|using)\\s+(?:a|an|the|his|her|their)\\s+(?:belt|stick|slipper|wooden spoon|cable|wire|lead|hanger|iron|lighter|cigarette|shoe|hairbrush|ruler)\\b`),
  phrase("physical-abuse", `\\b(?:being|been|was|were|is|are|gets?|got|getting)\\s+(?:\\w+\\s+)?${PASSIVE_HARM}\\s+(?:at home|by\\s+(?:${POSSESSIVE}\\s+|a\\s+|an\\s+)?${ADULT})`),
  phrase("physical-abuse", `\\b${PASSIVE_HARM}\\s+with\\s+(?:a|an|the)\\s+(?:belt|stick|shoe|slipper|wooden spoon|cable|wire|lead|hanger|iron)\\b`),
  phrase("physical-abuse", `\\bbruis\\w*${ANY_FEW_WORDS}\\s+(?:won't|wont|will not|can't|cannot|doesn't|does not|refuses to|refused to|unable to|wouldn't|would not|didn't|did not|couldn't|could not)\\s+(?:explain|say how|tell)\\b`),
  phrase("physical-abuse", `\\bunexplained\\s+(?:bruis\\w*|injur\\w*|marks|burns?|cuts|fractures?|broken)`),
  phrase("physical-abuse", `\\b(?:bruis\\w*|marks|injur\\w*|burns?|welts?|swelling)\\s+(?:on|to|around)\\s+${POSSESSIVE}\\s+${BODY}\\b`),
  // Injuries on their own: recall first, and a SENCO mentioning one is usually asking because it worries them.
  phrase("physical-abuse", `\\bbruis(?:e|es|ed|ing)\\b|\\b(?:split|fat|swollen|cut)\\s+lip\\b|\\bflinch\\w*(?:\\s+[\\w'-]+){0,6}?\\s+(?:hands?|arms?|adults?|raised|touched|near (?:him|her|them))\\b`),
  phrase("physical-abuse", `\\b${ADULT}${FEW_WORDS}\\s+(?:pull(?:s|ed|ing)?\\s+(?:his|her|their)\\s+hair|(?:pinch(?:es|ed|ing)?|shak(?:es|ing)|shook|drag(?:s|ged|ging))\\s+(?:him|her|them)|(?:throw(?:s|ing)?|threw)\\s+things\\s+at\\s+(?:him|her|them))\\b`),
  phrase("physical-abuse", `\\b(?:black eye|cigarette burns?|finger\\s?(?:tip|print)?\\s?(?:bruis\\w*|marks)|hand\\s?print|non-accidental injur\\w*|slap marks?|bite marks?)`),
  phrase("physical-abuse", `\\bFGM\\b`, true),
  phrase("physical-abuse", `\\b(?:female genital mutilation|cutting ceremony|honou?r[- ]based (?:abuse|violence))\\b`),
  phrase("physical-abuse", `\\bphysical(?:ly)? abuse[ds]?\\b|\\bphysically (?:hurt|harmed|abused)\\b`),

  // --- sexual abuse ---------------------------------------------------------------------------
  phrase("sexual-abuse", `\\binappropriate(?:ly)?\\s+touch\\w*|\\btouch(?:ed|es|ing)?\\s+(?:him|her|them|me)\\s+(?:inappropriately|down there|on (?:${POSSESSIVE}\\s+)?(?:private|bottom|willy|chest))`),
  phrase("sexual-abuse", `\\b${ADULT}${FEW_WORDS}\\s+(?:comes|came|goes|went|creeps|crept|gets|got)\\s+(?:into|in)\\s+(?:his|her|their|my)\\s+(?:room|bed|bedroom)\\b`),
  phrase("sexual-abuse", `\\bprivate\\s+(?:parts|areas?|bits)\\b|\\b(?:was|been|being|got|gets)\\s+touched\\s+(?:by|inappropriately|on)\\b|\\bexplicit\\s+(?:pictures|photos|images|messages|videos|content)\\b|\\bgrop(?:e|es|ed|ing)\\b`),
  phrase("sexual-abuse", `\\b${ADULT}${FEW_WORDS}\\s+touch(?:es|ed|ing)?\\s+(?:him|her|them|me)\\b`),
  phrase("sexual-abuse", `\\b(?:she is|she's|girl is|pupil is|student is|daughter is)\\s+(?:\\w+\\s+)?pregnant\\b`),
  phrase("sexual-abuse", `\\bsexual(?:ly)?\\s+(?:abuse\\w*|assault\\w*|harm\\w*|activity|touching|behaviour|acts?)\\b|\\bharmful sexual behaviour|\\bsexual\\s+(?:messages|images|pictures|videos|content|comments|texts)\\b`),
  phrase("sexual-abuse", `\\bsexualised\\s+(?:behaviour|language|play|drawings?|knowledge|comments|talk)|\\bsexual knowledge\\b`),
  phrase("sexual-abuse", `\\b(?:raped?|molest\\w*|indecent\\w*|porn\\w*|sexting|nudes|nude (?:images?|pictures?|photos?|selfies?))\\b`),
  phrase("sexual-abuse", `\\bshow(?:s|ed|ing)?\\s+(?:him|her|them|me)\\s+(?:rude|dirty|adult)\\s+(?:pictures|videos|photos|films)`),
  phrase("sexual-abuse", `\\bsleeps?\\s+in\\s+(?:the same bed|a bed)\\s+with\\s+(?:${POSSESSIVE}\\s+)?(?:uncle|mum's boyfriend|step-?dad|an adult|a man)`),

  // --- neglect --------------------------------------------------------------------------------
  phrase("neglect", `\\b(?:not|n't|never|rarely|barely|hardly ever)\\s+(?:being\\s+|been\\s+|getting\\s+)?fed\\b|\\b(?:nobody|no one|no-one)\\s+feeds\\b`),
  phrase("neglect", `\\bno\\s+(?:food|dinner|breakfast|tea|meals?)\\s+(?:at home|in the house)|\\bnothing to eat\\b|\\bnot enough (?:food|to eat)\\b|\\b(?:go|goes|went|going)\\s+without\\s+(?:food|meals?|dinner|breakfast|eating)`),
  phrase("neglect", `\\b(?:starved|always hungry|constantly hungry|stealing food|steals food|hoard(?:s|ing) food|food from (?:the )?bins|scaveng\\w*)\\b`),
  phrase("neglect", `\\b(?:comes?|came|coming|arrives?|arrived|arriving|turns up|is sent)\\s+(?:(?:at|in|into|to)\\s+)?(?:school|nursery|class)\\s+(?:\\w+\\s+)?(?:hungry|dirty|unwashed|smelly|unkempt|in dirty|without (?:breakfast|food|a coat|lunch))`),
  phrase("neglect", `\\b(?:hungry|dirty|smelly|unwashed|unkempt)\\s+(?:and|,)\\s+(?:dirty|hungry|smelly|unwashed|unkempt|tired)\\b`),
  phrase("neglect", `\\b(?:dirty|soiled|smelly|unwashed|inadequate)\\s+(?:clothes|clothing|uniform|nappy|nappies)|\\bsmells? of (?:urine|wee|smoke|alcohol|cannabis|weed)|\\bpoor (?:personal )?hygiene\\b|\\bsmells?\\s+(?:strongly|badly|bad|awful)\\b|\\b(?:wears?|wearing|in)\\s+the\\s+same\\s+(?:clothes|uniform|socks)\\s+(?:for|all|every)\\b|\\b(?:no|without a)\\s+coat\\b`),
  phrase("neglect", `\\bno\\s+(?:adult|grown-up|parent|carer|one)\\s+(?:at home|in the house|home)\\b|\\b(?:sleep(?:s|ing)?|living|lives)\\s+(?:in a car|rough|on the streets?)\\b|\\bhomeless\\b|\\bsofa[- ]surfing\\b|\\bnot allowed to (?:eat|have (?:food|dinner|meals))\\b|\\b(?:isn't|is not|not|never|wasn't|aren't)\\s+(?:being\\s+)?given\\s+(?:any\\s+)?(?:food|meals?|dinner|breakfast|anything to eat)\\b`),
  phrase("emotional-abuse", `\\bnot allowed (?:out|to go out|to leave the house|to see (?:friends|anyone)|to go to school)\\b|\\bkept (?:at home|in (?:his|her|their) (?:room|bedroom)|inside|off school)\\b`),
  phrase("neglect", `\\bleft\\s+(?:alone|on (?:his|her|their) own|unsupervised|by (?:him|her|them)sel(?:f|ves))\\s+(?:at home|in the house|in the flat|overnight|all night|for hours|for days|for the weekend|while)|\\bhome alone\\b|\\b(?:alone|on (?:his|her|their) own)\\s+at home\\b`),
  phrase("neglect", `\\b(?:nobody|no one|no-one)\\s+(?:at home|to (?:look after|care for|collect|pick)|(?:picks|picked|came to pick|comes to pick) (?:him|her|them) up|(?:collects|collected|came to collect|comes to collect))|\\bnot (?:been )?collected\\b`),
  phrase("neglect", `\\b(?:${CARER}|family)\\s+(?:was|were|is|are|has been|have been)\\s+(?:unreachable|uncontactable|not answering|nowhere to be found)\\b|\\bno food in the (?:cupboards?|fridge|house|flat)\\b|\\bkeeps? (?:him|her|them) (?:off|home from) school to (?:look after|care for|babysit)`),
  phrase("neglect", `\\bneglect(?:ed|ful)?\\b(?!\\s+to\\b)`),
  phrase("neglect", `\\b(?:no|without)\\s+(?:heating|electricity|beds?|running water|food in the house)\\b|\\b(?:doesn't|does not|don't|do not)\\s+(?:have|own)\\s+a\\s+bed\\b|\\bsleeps?\\s+on\\s+(?:the|a)\\s+(?:floor|sofa|settee)\\b`),
  phrase("neglect", `\\b(?:found\\s+)?wandering\\s+(?:the\\s+streets|around|about|the\\s+estate)\\s+(?:\\w+\\s+)?(?:at night|late|after dark|alone)|\\bout\\s+(?:alone|on (?:his|her|their) own)\\s+(?:at night|after dark|late at night)`),
  phrase("neglect", `\\b(?:untreated|rotten|decayed)\\s+(?:teeth|tooth|injur\\w*|infections?)|\\b(?:not|never)\\s+(?:been\\s+)?taken\\s+to\\s+(?:the\\s+)?(?:doctor|GP|dentist|hospital|appointments)`),
  phrase("neglect", `\\b${CARER}\\s+(?:is|are|was|were|gets?|got)\\s+(?:often\\s+|always\\s+)?(?:drunk|high|intoxicated|on drugs|using drugs)|\\b(?:drugs|drink(?:ing)?|alcohol)\\s+(?:at home|in the house)|\\bsubstance (?:misuse|abuse)|\\b${CARER}\\s+(?:takes|is taking|uses) drugs`),

  // --- emotional abuse and fear of home -------------------------------------------------------
  phrase("emotional-abuse", `\\b${ADULT}${FEW_WORDS}\\s+(?:shouts|screams|swears|yells)\\s+at\\s+(?:him|her|them|me)\\b`),
  phrase("emotional-abuse", `\\b${ADULT}${FEW_WORDS}\\s+(?:calls?|called)\\s+(?:him|her|them|me)\\s+(?:names|stupid|useless|worthless|thick|fat|ugly|an? (?:mistake|waste of space|idiot|failure)|horrible names)`),
  phrase("emotional-abuse", `\\bwish(?:es|ed)?\\s+(?:she|he|they)(?:'d|\\s+had)\\s+never\\s+had\\s+(?:him|her|them)\\b|\\bwaste of space\\b`),
  phrase("emotional-abuse", `\\b(?:nobody|no one|no-one)\\s+(?:loves|wants|cares about)\\s+(?:him|her|them|me)\\b|\\b(?:is|are|was|were|feels?|being)\\s+(?:unloved|unwanted|not wanted|not loved)\\b`),
  phrase("emotional-abuse", `\\blocked\\s+(?:in|out of)\\s+${POSSESSIVE}\\s+(?:room|bedroom|house|cupboard|flat|garden)|\\block(?:s|ed)?\\s+(?:him|her|them)\\s+(?:in|out)\\b`),
  phrase("emotional-abuse", `\\bthreat(?:en|ens|ened|ening)\\s+(?:to\\s+(?:kill|hurt|beat|hit|stab|leave|send (?:him|her|them) away|put (?:him|her|them) in care)|(?:him|her|them|me)\\s+with)\\b`),
  phrase("emotional-abuse", `\\bemotional(?:ly)?\\s+(?:abuse\\w*|harm\\w*)`),
  phrase("disclosure", `\\b(?:scared|frightened|afraid|terrified|fearful|petrified|worried|anxious)\\s+(?:of|to|about)\\s+(?:go(?:ing)?\\s+home|${POSSESSIVE}\\s+${ADULT}|${ADULT}\\b|what (?:will|would|might) happen (?:at home|when (?:he|she|they) gets? home))`),
  phrase("disclosure", `\\b(?:doesn't|does not|don't|do not|didn't|won't|will not|refuses to|refused to|never wants to)\\s+(?:want to\\s+)?go\\s+home\\b`),

  // --- self-harm and suicide ------------------------------------------------------------------
  phrase("self-harm-suicide", `\\bself[- ]?(?:harm\\w*|injur\\w*|mutilat\\w*)`),
  phrase("self-harm-suicide", `\\bcutting\\s+(?:him|her|them|my)sel(?:f|ves)\\b|\\bcut(?:s|ting)?\\s+(?:on|to|up|into)?\\s*${POSSESSIVE}\\s+(?:(?:fore|upper\\s)?arms?(?!\\s+off)|wrists?|legs?|thighs?|skin|stomach)\\b`),
  phrase("self-harm-suicide", `\\b(?:has|have|had|is|was|been|started|keeps|kept|began|admitted|admits|'s)\\s+(?:been\\s+)?cutting\\b(?!\\s+(?:out|up|and (?:sticking|gluing|pasting)|with|along|round|around|paper|shapes|skills|food|the|a|his|her|their|my|back|down|corners|in)\\b)`),
  phrase("self-harm-suicide", `\\bsuicid\\w*|\\b(?:wants?|wanting|wanted|wish(?:es|ed)?)\\s+to\\s+(?:die|be dead|not (?:be alive|exist|wake up))\\b|\\bbetter off dead\\b|\\b(?:wants?|wanting|wanted)\\s+to\\s+(?:end it|be gone)\\b|\\bhates?\\s+(?:my|his|her|their)\\s+life\\b|\\b(?:wants?|wanting|wanted)\\s+to\\s+disappear\\b|\\bnot (?:to )?wake up\\b|\\b(?:plans?|planning|going) to end it\\b|\\bend it (?:all|tonight)\\b|\\bways to (?:kill|hurt|harm) (?:him|her|them|my)sel(?:f|ves)\\b`),
  phrase("self-harm-suicide", `\\b(?:jump(?:ing)?|throw (?:him|her|them|my)sel(?:f|ves)) (?:off|from) (?:a|the) (?:bridge|roof|building|cliff|car park|balcony)|\\b(?:step|jump|walk)(?:ing)? in front of (?:a|the) (?:train|car|bus|lorry)`),
  phrase("self-harm-suicide", `\\bscars?\\s+(?:on|to)\\s+(?:his|her|their)\\s+(?:arms?|wrists?|legs?|thighs?|stomach)\\b|\\bfrom cutting\\b|\\b(?:making|makes|made)\\s+(?:him|her|them)sel(?:f|ves)\\s+(?:sick|vomit)|\\bstopped eating\\b|\\beating disorder\\b|\\b(?:anorexi|bulimi)\\w*`),
  phrase("self-harm-suicide", `\\b(?:kill|killing|kills|killed|hurt|hurting|hurts|harm|harming|harms|hang|hanging|hanged|strangle|strangling)\\s+(?:him|her|them|my)sel(?:f|ves)\\b`),
  phrase("self-harm-suicide", `\\b(?:end|ending|take|taking)\\s+(?:(?:his|her|their|my)\\s+(?:own\\s+)?|own\\s+)life\\b|\\bend(?:ing)? it all\\b|\\b(?:wish(?:es|ed)?|wished)\\s+(?:he|she|they|I)\\s+(?:was|were|had)\\s+(?:dead|never been born|not born)`),
  phrase("self-harm-suicide", `\\b(?:doesn't|does not|don't|didn't)\\s+want\\s+to\\s+(?:be alive|live|exist|be here any ?more|wake up)\\b|\\boverdos\\w*|\\bligature\\b|\\b(?:talks?|talked|talking|talk)\\s+about\\s+(?:dying|killing (?:him|her|them|my)sel(?:f|ves)|suicide|not being here|ending it)`),

  // --- domestic abuse -------------------------------------------------------------------------
  phrase("domestic-abuse", `\\bdomestic\\s+(?:violence|abuse|incidents?)\\b|\\bviolen\\w*\\s+(?:at home|in the home|in the house)\\b|\\b(?:fighting|fights|violence|rows)\\s+at\\s+home\\b`),
  phrase("domestic-abuse", `\\b${ADULT}${FEW_WORDS}\\s+${HARM_VERBS}\\s+(?:${POSSESSIVE}\\s+)?(?:mum|mummy|mother|dad|daddy|father|wife|partner|girlfriend|nan|grandma)\\b`),
  phrase("domestic-abuse", `\\bpolice\\s+(?:were|was|have been|had been|are|got|had to be)\\s+(?:called|round|involved|out|at the (?:house|home|flat))|\\bpolice\\s+(?:came|attended|visited|arrived|come|went|turned up)\\s+(?:to|at|round)\\s+(?:the|their|his|her)\\s+(?:house|home|flat|address)|\\b(?:called|rang|phoned|ring|call)\\s+(?:the\\s+)?(?:police|999)\\b|\\bpolice\\s+(?:came|turned up|arrived|attended)\\s+(?:out|round|over)\\b|\\b(?:a|the)\\s+(?:fight|row|punch-up|incident)\\s+at home\\b`),
  phrase("domestic-abuse", `\\breleased from prison\\b|\\b(?:ex|ex-partner|ex-husband|dad|father)\\s+(?:is|has been|keeps)\\s+(?:looking for|following|stalking|turning up)`),
  phrase("domestic-abuse", `\\b${CARER}\\s+(?:was|got|has been|is|were|have been)\\s+arrested\\b|\\b(?:restraining|non-molestation|protection)\\s+order\\b|\\b(?:women's )?refuge\\b`),
  phrase("domestic-abuse", `\\bMARAC\\b`, true),
  phrase("domestic-abuse", `\\bwitness(?:ed|es|ing)?\\s+(?:domestic|violence|fighting|${POSSESSIVE}\\s+${ADULT}\\s+(?:hitting|hurting|being hit|being hurt))`),
  phrase("domestic-abuse", `\\b${CARER}\\s+(?:is|was|can be|gets|got|becomes|has been)\\s+(?:very\\s+)?violent\\b|\\bviolent\\s+(?:dad|father|mum|mother|step-?dad|partner|boyfriend|relationship|ex)\\b`),
  phrase("domestic-abuse", `\\babusive\\s+(?:dad|father|mum|mother|step-?dad|relationship|partner|home|boyfriend|ex)\\b`),

  // --- exploitation ---------------------------------------------------------------------------
  // Not bare "exploit" or "grooming": teachers "exploit his interest in trains" and teach personal grooming.
  phrase("exploitation", `\\bcounty lines\\b|\\b(?:criminal|sexual|child)\\s+exploitation\\b|\\b(?:being|been|was|were|is)\\s+exploited\\b|\\bexploited by\\b|\\b(?:being|been|was|were|is)\\s+groomed\\b|\\bgroomed by\\b|\\bonline grooming\\b|\\bgrooming (?:him|her|them)\\b|\\btraffick\\w*|\\bmodern slavery\\b`),
  phrase("exploitation", `\\b(?:CSE|CCE)\\b`, true),
  phrase("exploitation", `\\bolder\\s+(?:boyfriend|girlfriend|man|men|males?|partner)\\b|\\bolder\\s+(?:boys|lads|friends|teenagers)\\s+(?:who\\s+)?(?:give|gives|gave|buy|buys|bought|pick|picks|picked|drive|drives)\\b`),
  phrase("exploitation", `\\bunexplained\\s+(?:money|cash|gifts|phones?|items|possessions|trainers|clothes)|\\b(?:gifts|money|presents)\\s+from\\s+(?:an?\\s+)?(?:older|adult|man|men|stranger)`),
  phrase("exploitation", `\\b(?:he|she|they|he's|she's|they've|child|pupil|boy|girl|son|daughter)\\s+(?:(?:has|have|had|keeps|kept|often|sometimes|is|was|has been|have been|had been|been)\\s+)?(?:go|goes|going|gone|went|been)?\\s*missing\\b|\\breported missing\\b|\\bmissing from (?:home|care)\\b|\\b(?:ran|run|runs|running)\\s+away\\s+from\\s+home\\b|\\b(?:stays?|staying|stayed)\\s+out\\s+(?:all night|overnight)`),
  phrase("exploitation", `\\b(?:carr(?:y|ies|ying|ied)|found with|caught with|hiding|holding)\\s+(?:drugs|cannabis|weed|packages|parcels|large amounts of (?:money|cash))|\\b(?:sell|sells|selling|sold|deal|deals|dealing)\\s+drugs\\b`),
  phrase("exploitation", `\\b(?:involved\\s+(?:in|with)\\s+(?:a\\s+)?gangs?|(?:in|joined|joining)\\s+a\\s+gang|gang\\s+(?:members?|involvement|activity|affiliation))\\b`),
  phrase("exploitation", `\\b(?:gives?|gave|giving|buys?|bought|buying)\\s+(?:him|her|them)\\s+(?:vapes?|cigarettes|alcohol|drink|drugs|weed|cannabis|phones?|money and|cash and)|\\bdeliver(?:s|ed|ing)?\\s+(?:parcels|packages|drugs|bags)\\b|\\basking (?:him|her|them|for) (?:for )?(?:pictures|photos|pics|nudes|images|videos)\\b`),
  phrase("exploitation", `\\b(?:someone|a person|an adult|a man|a friend)\\s+(?:he|she|they)\\s+(?:won't|will not|wouldn't|refuses to|doesn't want to)\\s+(?:name|identify|talk about)\\b|\\b(?:got|given|gets|has)\\s+(?:a\\s+)?new\\s+(?:phone|trainers|clothes|jewellery|money)\\s+(?:from|by)\\s+(?:someone|an older|a man|men|an adult|a stranger)`),
  phrase("exploitation", `\\b(?:getting|gets|got|get)\\s+into\\s+(?:different|strange|strangers'|unknown|other people's|older (?:men's|boys'|lads'))\\s+cars?\\b|\\b(?:parties|partying|hanging out|hangs out|going out|goes out)\\s+with\\s+(?:adults|older|men|grown-ups)\\b|\\b(?:drinking|drinks)\\s+alcohol\\b|\\b(?:gets|got|was|is|came in|comes in)\\s+drunk\\b|\\bbag of drugs\\b|\\b(?:hold|holding|held|hide|hiding|hid|keep|keeping|stash\\w*)\\s+(?:\\w+\\s+){0,2}?drugs\\b`),
  phrase("exploitation", `\\b(?:smok(?:es|ing)|us(?:es|ing)|tak(?:es|ing)|sell(?:s|ing))\\s+(?:cannabis|weed|drugs|ketamine|cocaine|spice)\\b`),
  phrase("exploitation", `\\b(?:won't|will not|wouldn't|can't|cannot|refuses to|didn't)\\s+(?:say|explain|tell (?:us|me|anyone))\\s+where\\s+(?:(?:he|she|they)\\s+got|(?:it|they|the \\w+|the money)\\s+came from)`),
  phrase("exploitation", `\\b(?:a man|men|an adult|adults|a stranger|strangers|an older (?:man|boy|male))\\s+(?:has been\\s+|have been\\s+|is\\s+|was\\s+|keeps\\s+)?(?:waiting|hanging around|loitering)\\s+(?:outside|near|by|at)\\s+(?:the\\s+)?(?:school|gates?|her house|his house)`),
  phrase("exploitation", `\\bforced\\s+marriage\\b|\\b(?:forced|made)\\s+to\\s+(?:marry|get married)\\b|\\bmarried off\\b|\\bradicalis\\w*|\\bextremis[mt]\\w*`),
  phrase("exploitation", `\\b(?:met|meeting|meets|talking to|talks to|chatting to|chats to|messaging)\\s+(?:a|an|someone|people|men|a man|strangers?|adults?|an adult)\\s+(?:(?:he|she|they)\\s+)?(?:met\\s+)?online\\b|\\b(?:sent|sending|send|asked (?:him|her|them) (?:for|to send))\\s+(?:photos|pictures|pics|images|videos)\\s+(?:of (?:him|her|them)sel(?:f|ves)\\s+)?to\\s+(?:a|an|someone|a man|strangers?|adults?)`),

  // --- immediate danger -----------------------------------------------------------------------
  phrase("immediate-danger", `\\bin\\s+(?:immediate\\s+|real\\s+|serious\\s+)?danger\\b(?!\\s+of\\s+(?:falling|failing|being excluded|exclusion|missing|losing|dropping|becoming|not|getting behind|burn ?out))`),
  phrase("immediate-danger", `\\bat\\s+(?:immediate\\s+|serious\\s+|significant\\s+)?risk\\s+of\\s+(?:significant\\s+)?(?:harm|abuse|being (?:hurt|harmed|abused|killed)|exploitation)|\\bsignificant harm\\b`),
  phrase("immediate-danger", `\\b(?:not|isn't|is not|doesn't feel|does not feel|don't feel|didn't feel|never feels?)\\s+safe\\s+(?:at home|to go home|going home|with ${POSSESSIVE}\\s+${ADULT}|around ${POSSESSIVE}\\s+${ADULT})|\\bunsafe at home\\b|\\bfeels? unsafe\\b|\\b(?:not|isn't|is not|never)\\s+safe\\s+(?:at|in)\\s+(?:his|her|their|the|my)\\s+(?:house|home|flat)\\b`),
  phrase("immediate-danger", `\\b(?:will|would|is going to|was going to|gonna|threatened to)\\s+(?:kill|hurt|stab|batter|beat)\\s+(?:him|her|them|me|you)\\b`),
  // A knife anywhere except at the dinner table ("knife and fork", "uses a knife to cut up food").
  phrase("immediate-danger", `\\b(?:knife|knives|blades?|weapons?|guns?|machete)\\b(?![- ](?:and|&)[- ]fork|\\s+skills|\\s+to\\s+(?:cut|spread))(?<!\\b(?:butter|plastic|table|blunt|cutlery|a dinner|toy|nerf|water|glue|pretend|shoulder|grass|razor)\\s+\\w+)`),

  // --- broader phrase families (added from held-out wording; each covers a way of saying it) -----
  phrase("physical-abuse", `\\b(?:was|were|been|being|got|gets|is)\\s+${PASSIVE_HARM}(?:\\s+[\\w'-]+){0,4}?\\s+by\\s+(?:${POSSESSIVE}\\s+|a\\s+|an\\s+)?${ADULT}`),
  phrase("physical-abuse", `\\b(?:was|were|been|being|got|gets)\\s+(?:attacked|assaulted|mugged|stabbed|beaten up|jumped|strangled|suffocated)\\b`),
  phrase("physical-abuse", `\\b(?:hands?|arms?|rope|belt|cord|cable)\\s+(?:round|around)\\s+(?:his|her|their|my)\\s+(?:neck|throat)\\b|\\bcold\\s+(?:baths?|showers?)\\b|\\bmade to (?:stand|kneel|sit)\\s+(?:[\\w'-]+\\s+){0,3}?(?:for hours|all night|in the cold|outside)\\b`),
  phrase("physical-abuse", `\\b(?:scratch(?:es)?|grazes|scars?)\\s+(?:on|to|around)\\s+${POSSESSIVE}\\s+(?:neck|throat|face)\\b|\\b(?:can't|cannot|won't|will not|wouldn't|refuses to|refused to)\\s+(?:say|explain|tell (?:us|me))\\s+(?:how\\b|what happened at home|who did)`),
  phrase("domestic-abuse", `\\bwhen\\s+(?:his|her|their|the)\\s+${ADULT}\\s+(?:drinks|is drunk|gets drunk|has been drinking|is high|gets angry|loses (?:his|her) temper)\\b|\\bcoercive(?:ly)?\\s+control\\w*|\\b${ADULT}${FEW_WORDS}\\s+controls\\s+(?:what|who|where|when)\\b`),
  phrase("disclosure", `\\b(?:hides|hid|cries|cried|screams|panics|freezes|froze|shakes|flinches)\\s+when\\s+(?:${POSSESSIVE}\\s+)?${ADULT}\\s+(?:arrives|comes|collects|picks|walks in|is mentioned)\\b|\\b(?:frightened|scared|afraid|terrified|anxious|panics|panicky)\\s+(?:[\\w'-]+\\s+){0,10}?(?:${POSSESSIVE}\\s+)?${ADULT}\\s+(?:is|gets|comes|came)\\s+home\\b`),
  phrase("neglect", `\\b${ADULT}${FEW_WORDS}\\s+(?:doesn't|does not|don't|do not|didn't|never)\\s+(?:seem to\\s+)?(?:notice|care|bother)\\b|\\bleft\\s+(?:alone\\s+)?in\\s+(?:the|a)\\s+car\\b|\\bsoaked in (?:urine|wee)|\\byesterday's clothes\\b|\\b(?:comes in|came in|arrives|arrived|turns up)\\s+(?:[\\w'-]+\\s+){0,3}?(?:starving|famished)\\b|\\bsent to bed without\\b`),
  phrase("neglect", `\\blook(?:s|ing)?\\s+after\\s+(?:his|her|their)\\s+(?:baby|little|younger|two|three)?\\s*(?:brothers?|sisters?|siblings)\\s+(?:all night|overnight|on (?:his|her|their) own|alone|at night|while)\\b|\\b${CARER}\\s+(?:goes|go|went|going)\\s+out\\s+(?:all night|at night|every night|drinking|partying|and leaves)`),
  phrase("self-harm-suicide", `\\b(?:burn(?:s|ed|ing|t)?|starv(?:es|ed|ing))\\s+(?:him|her|them|my)sel(?:f|ves)\\b|\\b(?:should|deserves? to|going to|gonna)\\s+die\\b|\\b(?:doesn't|does not|don't|not)\\s+deserve\\s+to\\s+(?:be alive|live|exist)\\b|\\b(?:never|not)\\s+(?:to\\s+)?wake\\s+up\\b`),
  phrase("sexual-abuse", `\\b(?:sit|sits|sitting|sat)\\s+on\\s+(?:his|a man's|an adult's|(?:her|his|their)\\s+(?:uncle|stepdad|step-dad)'s)\\s+lap\\b|\\b(?:gives?|gave|giving|buys?|bought)\\s+(?:him|her|them)\\s+(?:sweets|presents|gifts|money|treats)\\s+(?:to|for|if|so)\\b`),
  phrase("sexual-abuse", `\\b(?:photos?|pictures?|pics|videos?|images?)\\s+of\\s+(?:him|her|them)\\s+(?:in the bath|naked|undressed|in (?:his|her|their) (?:pants|underwear))|\\b(?:naked|undressed|nude)\\s+(?:photos?|pictures?|pics|videos?|images?)|\\b(?:photos?|pictures?|pics|videos?|images?)\\s+of\\s+(?:his|her|their)\\s+(?:body|bodies)\\b|\\bmakes?\\s+(?:him|her|them)\\s+do\\s+things\\s+(?:he|she|they)\\s+(?:doesn't|don't|does not|do not)\\s+(?:like|want)`),
  phrase("exploitation", `\\b(?:giving|gives|gave|paying|pays|paid)\\s+(?:him|her|them)\\s+(?:cash|money)\\s+to\\b|\\brun(?:s|ning)?\\s+errands\\s+for\\s+(?:older|adults|men|a man)|\\blate at night with\\s+(?:adults|older|men|strangers)|\\b(?:adults|men|people|a man)\\s+(?:we|he|she|they|staff)\\s+(?:don't|do not|doesn't|does not)\\s+know\\b`),
  phrase("exploitation", `\\b(?:given|gives|gave|giving|drinking|drank|had|offered)\\s+(?:him|her|them\\s+)?(?:some\\s+)?(?:beer|alcohol|vodka|wine|cider|spirits|lager)\\b`),
  phrase("immediate-danger", `\\b(?:might|could|may|will|would)\\s+(?:hurt|kill|harm|hit)\\s+(?:him|her|them)\\b|\\bcan't cope and\\s+(?:might|could|may)\\b`),

  phrase("physical-abuse", `\\b${ADULT}${FEW_WORDS}\\s+['"]?${HARM_VERBS}['"]?\\s+(?:${POSSESSIVE}\\s+)?(?:mum|mummy|mother|dad|daddy|father|wife|partner|girlfriend|him|her)\\b|\\bthe same (?:happens|happened) to (?:him|her|them|me)\\b|\\bbreak\\s+(?:his|her|their)\\s+(?:legs?|arms?|neck|bones|fingers)\\b|\\blighter burns?\\b`),
  phrase("neglect", `\\bleaves?\\s+(?:him|her|them)(?:\\s+[\\w'-]+){0,4}?\\s+(?:overnight|all night|alone|on (?:his|her|their) own|for (?:hours|days|the weekend))\\b`),
  phrase("exploitation", `\\boffer(?:s|ed|ing)?\\s+(?:him|her|them)\\s+(?:money|cash|a lift|drugs|alcohol|a job)\\b|\\b(?:paid|pays|paying)\\s+(?:him|her|them\\s+)?to\\s+(?:keep|hold|hide|carry|deliver|look after)\\b|\\b(?:job|work(?:ing)?)\\s+as\\s+a\\s+runner\\b|\\bmeet\\s+(?:him|her|them|up)\\s+alone\\b|\\b(?:staying|stays|stayed|sleeping|sleeps)\\s+(?:over\\s+)?at\\s+(?:an?\\s+)?(?:older|adult|\\d+-year-old)\\s+(?:man|men|male|boy|lad)'s\\b`),
  phrase("sexual-abuse", `\\b(?:same bed|a bed)\\s+(?:as|with)\\s+(?:${POSSESSIVE}\\s+)?(?:uncle|mum's boyfriend|mum's partner|step-?dad|an adult|a man|lodger)`),
  phrase("self-harm-suicide", `\\bstop\\s+existing\\b|\\b(?:happier|better off)\\s+(?:without\\s+(?:him|her|them|me)|if\\s+(?:he|she|they|I)\\s+(?:wasn't|weren't|was not|were not)\\s+(?:here|around|alive))\\b`),

  // --- disclosures and explicit concerns ------------------------------------------------------
  phrase("disclosure", `\\bdisclos(?:ed|ure|ures|ing)\\b(?!\\s+(?:of\\s+)?(?:[\\w'-]+\\s+){0,2}diagnos)`),
  phrase("disclosure", `\\bsafeguarding\\s+(?:concerns?|issues?|worry|worries|referral|matter|incident|disclosure)\\b|\\bchild protection\\s+(?:concerns?|referral|issue|matter|investigation|enquiry)\\b|\\bsection 47\\b|\\bmulti-agency safeguarding hub\\b`),
  phrase("disclosure", `\\bMASH\\b`, true),
  phrase("disclosure", `\\b(?:refer(?:red|ral)?|report(?:ed)?)\\s+(?:it\\s+|this\\s+|him\\s+|her\\s+)?to\\s+(?:children's\\s+(?:social care|services)|social care|social services|the front door)\\b`),
  phrase("disclosure", `\\b(?:told|informed|spoken to|spoke to|speak to|passed (?:it|this) (?:on )?to|reported (?:it |this )?to|logged (?:it |this )?with)\\s+(?:the\\s+|our\\s+|my\\s+)?(?:DSL|designated safeguarding lead|safeguarding lead)\\b`),
  phrase("disclosure", `\\b(?:being|been|was|were|is|are|gets?|got)\\s+abused\\b|\\babuse\\s+(?:at home|by)\\b|\\b(?:child|parental)\\s+abuse\\b`),
  phrase("disclosure", `\\b(?:told|tells|telling)\\s+(?:him|her|them|me)\\s+not\\s+to\\s+tell\\b|\\bnot allowed to tell\\b|\\bkeep\\s+(?:it|this|that)\\s+(?:a\\s+)?secret\\b|\\bkeep(?:s|ing)?\\s+(?:a\\s+)?secrets?\\b|\\bour (?:little |special )?secret\\b|\\bit's a secret\\b|\\bif\\s+(?:he|she|they|you|I)\\s+(?:tells?|told|says? anything)\\s+(?:anyone|anybody|someone)\\b`),
];

/** A negator close before the phrase, in the same clause: "no safeguarding concerns", "never self-harmed". */
const NEGATION = /\b(?:no|not|never|without|nor|none|nothing|\w+n't|no longer)\b((?:\s+[\w'’-]+){0,3})\s*$/i;
/**
 * Hedges and doubts are not negation: "not sure if he is being hit at home", "no doubt she is
 * self-harming", "can't rule out", "didn't tell anyone his dad hits him" all still need the DSL.
 */
const HEDGE = /^\s+(?:sure|certain|know|knowing|think|believe|convinced|clear|yet|doubt|rule|ruled|say|tell|told|only|just|wonder|want)\b/i;
const CLAUSE_BREAK = /[.;:!?,\n]|\b(?:but|and|however|although|though|because|except|yet)\b/gi;

/**
 * Light negation: a negator within three words before the phrase, in the same clause, unless it
 * is a hedge ("not sure", "don't think"). Phrases that carry their own negation ("not being fed",
 * "doesn't want to go home") match from the negator, so it is not in the text before them.
 */
function isNegated(text: string, start: number): boolean {
  let before = text.slice(Math.max(0, start - 60), start);
  const breaks = [...before.matchAll(CLAUSE_BREAK)];
  const lastBreak = breaks.at(-1);
  if (lastBreak) before = before.slice(lastBreak.index + lastBreak[0].length);
  const negation = NEGATION.exec(before);
  if (!negation) return false;
  return !HEDGE.test(negation[1] ?? "");
}

export function detectSafeguardingConcern(text: string): { concern: boolean; signals: SafeguardingSignal[] } {
  // Curly apostrophes become straight ones (same length, so positions are unchanged).
  const normalised = text.replace(/[’‘]/g, "'");
  const signals: SafeguardingSignal[] = [];
  const seen = new Set<string>();
  for (const { category, pattern } of SIGNAL_PATTERNS) {
    for (const match of normalised.matchAll(pattern)) {
      if (isNegated(normalised, match.index)) continue;
      const found = match[0].trim().replace(/\s+/g, " ");
      const key = `${category}:${found.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      signals.push({ phrase: found, category });
    }
  }
  return { concern: signals.length > 0, signals };
}

export type SafeguardingLevel = "concern" | "possible" | "none";

/** The outcome of screening one message for risk of harm; never holds the message's words. */
export interface SafeguardingAssessment {
  level: SafeguardingLevel;
  /** the statutory categories the signals belong to, most serious first */
  categories: string[];
  /** one plain line for the card: what prompted the assessment, in general terms */
  prompt: string;
}

/** Transitional: the phrase detector as a two-outcome assessment until the indicator engine lands. */
export function assessSafeguarding(text: string): SafeguardingAssessment {
  const { concern, signals } = detectSafeguardingConcern(text);
  const categories = [...new Set(signals.map((s) => s.category))];
  return concern ? { level: "concern", categories, prompt: "Something in your message suggests a child may be at risk of harm." } : { level: "none", categories: [], prompt: "" };
}
