/*
 * rules.h - every rule the extractor's stages name when they decide
 * something (docs/rules.md lists them with an example each; tests/cli/
 * test_rules.sh checks that each example fires its rule). One X() line a
 * rule: its id, its name (stage.what), and what it decides (extract/
 * internal; rasd_rule_name() lists them).
 */
#ifndef RASD_EXTRACT_RULES_H
#define RASD_EXTRACT_RULES_H

#define RASD_RULES(X)                                                                              \
	X(FRAMES_CLAUSE, "frames.clause", \
	  "the trigger's clause: up to punctuation or a word that opens a clause") \
	X(FRAMES_NOT_STORY, "frames.not_story",                                                    \
	  "a trigger in a caption, a related headline, an embedded tweet or a menu line") \
	X(ROLES_ASSOC_MARKER, "roles.assoc_marker", \
	  "an actor after a word of support or cooperation acts with the agent: associate") \
	X(ROLES_VICTIM_ACTOR, "roles.victim_actor",                                                \
	  "a victim actor (civilians, a named kind of people) in the clause is the target")        \
	X(ROLES_IN_TRIGGER, "roles.in_trigger", \
	  "an actor among the trigger's own words is its agent (the coalition's aviation)") \
	X(ROLES_PASSIVE_BY, "roles.passive_by", \
	  "an actor after 'by the fire of', 'at the hands of', 'carried out by' is the agent") \
	X(ROLES_TARGET_MARKER, "roles.target_marker", \
	  "an actor after 'against', 'on', 'targeted', 'positions of' is the target") \
	X(ROLES_OWNER_MARKER, "roles.owner_marker", \
	  "an actor after 'affiliated to', 'loyal to', 'held by' owns what was hit: the target") \
	X(ROLES_PARTITIVE, "roles.partitive", \
	  "the side the counted dead belong to ('dead of the Houthis') is the target") \
	X(ROLES_PASSIVE_VICTIMS, "roles.passive_victims",                                          \
	  "a killing verb followed by a count or victims is passive: the actor after is hit")       \
	X(ROLES_DEAD_OF_ATTACK, "roles.dead_of_attack",                                            \
	  "an actor after a killing inside an attack's clause died in it: the target")             \
	X(ROLES_OBJECT_OF_KILLING, "roles.object_of_killing", \
	  "the actor right after a killing noun, or a killing verb with a count, is its victim") \
	X(ROLES_SUBJECT_AFTER, "roles.subject_after", \
	  "the actor right after a verb (VSO) or a noun in construct acts") \
	X(ROLES_SUBJECT_BEFORE, "roles.subject_before",                                            \
	  "the nearest actor before the trigger is its subject")                                   \
	X(ROLES_OBJECT_AFTER, "roles.object_after",                                                \
	  "with the agent settled, a further actor after the trigger is the target")               \
	X(ROLES_CONJOINED_PARTNER, "roles.conjoined_partner", \
	  "an actor joined to the agent by 'and' acts with it") \
	X(ROLES_CLASH_SIDES, "roles.clash_sides",                                                  \
	  "a clash with no agent: the first two actors of the clause are its sides")               \
	X(ROLES_SENTENCE_SUBJECT, "roles.sentence_subject",                                        \
	  "no agent in the clause: the sentence's first armed actor acts")                         \
	X(ROLES_CIVILIAN_VICTIMS, "roles.civilian_victims",                                        \
	  "a victim actor in the clause: the victims were civilians")                              \
	X(ROLES_ARMED_VICTIMS, "roles.armed_victims",                                              \
	  "an armed target, an armed person killed, or a death in the fighting: combatants died")  \
	X(ROLES_OWN_DEAD, "roles.own_dead", \
	  "a side announcing the death of 'its' commanders was hit, not the killer") \
	X(ROLES_VICTIMS_BEFORE_VERB, "roles.victims_before_verb", \
	  "combatants counted before a killing verb are its victims") \
	X(ROLES_SENTENCE_VICTIMS, "roles.sentence_victims",                                        \
	  "a strike whose clause names no one hit: the people its sentence says it killed or wounded") \
	X(ROLES_EXECUTION, "roles.execution", \
	  "an execution: a killing in someone's hands, not in battle") \
	X(ROLES_BODY_FINDER, "roles.body_finder", \
	  "who found the bodies did not kill") \
	X(ROLES_CROWD_ATTACK, "roles.crowd_attack", \
	  "an attack noun in construct with the crowd that did it") \
	X(ACTORS_STATE_FORCE, "actors.state_force",                                                \
	  "the army or security forces named without their state: those named just before, "     \
	  "or the article's own state's, or read from the adjective after them") \
	X(ACTORS_RECODE, "actors.recode",                                                          \
	  "codes by place and date: Hezbollah or the IRGC in Syria, the Syrian state after 8/12/2024") \
	X(ACTORS_CAMPAIGN_AUTHOR, "actors.campaign_author",                                        \
	  "an air raid without author in an article whose other raids there have one force's")     \
	X(ACTORS_YEMEN_AIR_RAID, "actors.yemen_air_raid",                                          \
	  "an air raid in Yemen without author is the Saudi-led coalition's")                      \
	X(ACTORS_ARTICLE_OPPONENT, "actors.article_opponent",                                      \
	  "a battle or strike without target was against the one enemy the article has that side fight") \
	X(ACTORS_PROTEST_FORCE, "actors.protest_force",                                            \
	  "a protest broken up without the force named: the police of its country broke it up") \
	X(ACTORS_UNIDENTIFIED, "actors.unidentified", \
	  "violence whose author the report does not name is an unidentified armed group (UNK)") \
	X(COUNTS_ATTEMPT, "counts.attempt", \
	  "an attempted killing kills nobody") \
	X(COUNTS_DUAL_NOUN, "counts.dual_noun", \
	  "a dual death noun carries its count (two dead)") \
	X(COUNTS_NUMBER_BEFORE, "counts.number_before", \
	  "a number before a death word (39 dead, dozens of dead)") \
	X(COUNTS_SUBJECT_COUNT, "counts.subject_count", \
	  "a count opening the subject of a plural killing verb") \
	X(COUNTS_NUMBER_AFTER, "counts.number_after", \
	  "a number after a death word, with further counts joined by 'and'") \
	X(COUNTS_NAMED_VICTIMS, "counts.named_victims", \
	  "singular victims joined by 'and' after a killing, or a personal name") \
	X(COUNTS_COMBATANTS_NAMED, "counts.combatants_named", \
	  "combatants named after a killing: a soldier 1, two policemen 2") \
	X(COUNTS_VAGUE_PLURAL, "counts.vague_plural",                                              \
	  "plural victims with no number: ACLED's 10")                                             \
	X(COUNTS_NONE, "counts.none", "no toll in the clause")                                       \
	X(COUNTS_SENTENCE_TOLL, "counts.sentence_toll",                                            \
	  "a foiled attack or a protest takes the toll its sentence gives")                        \
	X(COUNTS_CONSEQUENCE, "counts.consequence", \
	  "a killing told as the result of what came before (the shelling led to the death of)") \
	X(TYPE_MEANS_IN_CLAUSE, "type.means_in_clause",                                            \
	  "a word of air, artillery or explosive means in the clause")                             \
	X(TYPE_MEANS_INSTRUMENT, "type.means_instrument", \
	  "an attack's instrument told later in the sentence (with two drones)") \
	X(TYPE_KILLED_IN_STRIKE, "type.killed_in_strike", \
	  "a killing in a strike told in the same sentence (killed in an air raid)") \
	X(TYPE_PROTEST_INTERVENTION, "type.protest_intervention", \
	  "security forces acted on the protest (dispersed, live fire, arrested)") \
	X(TYPE_FOILED_VIOLENT, "type.foiled_violent",                                              \
	  "a foiled attack with violence is an armed clash")                                       \
	X(TYPE_INTERCEPTED, "type.intercepted", "a weapon stopped in flight: disrupted weapons use")  \
	X(TYPE_TRIGGER_CLASS, "type.trigger_class", \
	  "the trigger's class decides the type (air raid, abduction, arrests ...)") \
	X(TYPE_SHELLING_BY_AIR, "type.shelling_by_air", \
	  "bombardment with a word of air means is an air strike") \
	X(TYPE_ARSON, "type.arson", "arson: by a crowd a riot, killing civilians an attack, else property destruction") \
	X(TYPE_PROTEST, "type.protest",                                                            \
	  "a protest: with deaths excessive force, with intervention or a state actor intervened, else peaceful") \
	X(TYPE_TAKEOVER, "type.takeover",                                                          \
	  "a capture: by the state regains territory, by another actor overtakes it")              \
	X(TYPE_FORCE_ON_PROTESTERS, "type.force_on_protesters",                                    \
	  "protesters killed by state forces without remote means: excessive force")               \
	X(TYPE_CROWD_ATTACK_RIOT, "type.crowd_attack_riot", "protesters who attack riot")            \
	X(TYPE_REMOTE_MEANS_DECIDES, "type.remote_means_decides",                                  \
	  "an attack or killing with air, artillery or explosive means is remote violence")        \
	X(TYPE_CIVILIAN_TARGET, "type.civilian_target",                                            \
	  "an attack or killing of civilians, or an execution: violence against civilians")        \
	X(TYPE_ARMED_CLASH, "type.armed_clash", "an attack or killing between armed sides: armed clash") \
	X(TYPE_ACLED_ACTORS, "type.acled_actors",                                                  \
	  "ACLED's actors for the type: protesters, rioters, civilians as the side hit")           \
	X(TYPE_FOILED_PLAN, "type.foiled_plan", "a foiled defusal or interception: disrupted weapons use") \
	X(MODALITY_LINK, "modality.link", \
	  "'for more', 'read', 'watch': a link to another story") \
	X(MODALITY_QUESTION, "modality.question", "a question is no report")                         \
	X(MODALITY_HEDGE, "modality.hedge", \
	  "'may', 'perhaps', 'intends to' before the trigger, or a hedge in a noun's clause") \
	X(MODALITY_NEGATION, "modality.negation", \
	  "a negation before the trigger") \
	X(MODALITY_FUTURE, "modality.future", \
	  "a future tense (will launch, will bomb)") \
	X(MODALITY_METHOD, "modality.method", \
	  "'through', 'by means of', 'to carry out', 'to prevent': a method or a purpose") \
	X(MODALITY_FIGHT_AGAINST_IDEA, "modality.fight_against_idea", \
	  "a fight against an idea (the war on terror, on corruption)") \
	X(MODALITY_MUST_STOP, "modality.must_stop", \
	  "what must stop is not an event") \
	X(MODALITY_STATEMENT, "modality.statement", \
	  "a statement, a call or a condemnation about attacks") \
	X(MODALITY_THEIR_ATTACKS, "modality.their_attacks", \
	  "'its attacks', 'their raids': attacks in general, with no day of their own") \
	X(MODALITY_ALLEGED, "modality.alleged", \
	  "the alleged attack everyone knows of") \
	X(MODALITY_TALK_ABOUT, "modality.talk_about", \
	  "stopping, threatening, charged with, about, days after: talk about an attack, not one") \
	X(MODALITY_PURPOSE, "modality.purpose", \
	  "'through', 'aiming to', 'to liberate': an attack or capture told as a purpose or method") \
	X(MODALITY_GENERIC, "modality.generic", \
	  "a series of attacks, killings in general, multiple attacks: kinds, not one attack") \
	X(MODALITY_CLAIM, "modality.claim", \
	  "a claim cue ('claimed', 'according to what the group announced') applies to the trigger") \
	X(MODALITY_FOILED, "modality.foiled", \
	  "a word of foiling before the trigger") \
	X(MODALITY_FOILER_ACTS, "modality.foiler_acts",                                            \
	  "the force that foiled acts; the would-be attackers are the target")                     \
	X(MODALITY_STOPPED_IN_FLIGHT, "modality.stopped_in_flight", \
	  "the weapon was intercepted or shot down: the stopper acts, the launcher is hit") \
	X(MODALITY_LAUNCHER_TARGET, "modality.launcher_target", \
	  "an interception of a missile launched by an armed group: the group is the target") \
	X(MODALITY_FOILED_PLAN, "modality.foiled_plan", "a foiled plan with no violence is no event") \
	X(MODALITY_NOT_SPECIFIC, "modality.not_specific",                                          \
	  "a plural trigger with no day, toll or specific place of its own")                       \
	X(MODALITY_TRUCE_TALK, "modality.truce_talk", "a truce talked about, not reached or signed") \
	X(MODALITY_BODIES_NOT_FOUND, "modality.bodies_not_found",                                  \
	  "bodies no one found, or found with no mark of conflict (a funeral, an exchange)")       \
	X(MODALITY_TAKES_NO_GROUND, "modality.takes_no_ground", \
	  "a capture of no place by no armed side (freed money)") \
	X(MODALITY_ACCUSATION, "modality.accusation", \
	  "an accusation (accused X of killing) names a deed, it does not report one") \
	X(MODALITY_ANNIVERSARY, "modality.anniversary", \
	  "what an anniversary remembers (the seventh anniversary of the massacre)") \
	X(TYPE_CROWD_VIOLENCE, "type.crowd_violence", \
	  "a protest whose crowd storms, burns or throws stones is a riot") \
	X(TYPE_CROWD_CLASH, "type.crowd_clash", \
	  "a clash between protesters and a force is a riot, not a battle") \
	X(HISTORY_ACCIDENT, "history.accident", \
	  "an accident or a natural disaster (earthquake, road crash, fire) with no perpetrator") \
	X(HISTORY_PERIOD_TALLY, "history.period_tally", \
	  "a tally over a month, a year or weeks (during April 2020, over the past month)") \
	X(HISTORY_WAR_TOLL, "history.war_toll", \
	  "the toll of a war or a conflict, with no day of its own") \
	X(HISTORY_SINCE_DATE, "history.since_date", \
	  "a period counted from a date (since the start of the year, since 2011)") \
	X(HISTORY_SINCE_EVENT, "history.since_event", \
	  "a period counted from an event (since it took the city)") \
	X(HISTORY_STATISTIC, "history.statistic", \
	  "a word of statistics (toll, total, tally) with no day of its own") \
	X(HISTORY_PAST_YEAR, "history.past_year", \
	  "a past year in the clause (in 2015; the battle of Qusayr 2013)") \
	X(HISTORY_SINCE_PAST_YEAR, "history.since_past_year", \
	  "a period opened in a past year, set off by commas or before the trigger") \
	X(HISTORY_PAST_DATE, "history.past_date", \
	  "a sentence set long before publication (in December 2012) with no recent day") \
	X(HISTORY_OLD_DATE, "history.old_date",                                                    \
	  "the frame's date is more than 60 days before publication, or after it")                 \
	X(HISTORY_PERIOD, "history.period", "a sentence about a period is a statistic")              \
	X(HISTORY_NAMED_ATTACK, "history.named_attack", \
	  "an attack known by its town's name (after the Manchester attack)") \
	X(HISTORY_THEN, "history.then", \
	  "a clause told from an earlier time (then, at that time) with no day of its own") \
	X(HISTORY_REPORT, "history.report", \
	  "what a report or a statistic counts (the report added that ...) is no happening") \
	X(HISTORY_CUMULATIVE_TOLL, "history.cumulative_toll", \
	  "dozens or more killed over plural protests or battles, no day of their own: a running total") \
	X(HISTORY_PLUPERFECT, "history.pluperfect", \
	  "kana ... qad + a perfect verb with no recent day of its own tells background") \
	X(HISTORY_TOLD_BEFORE, "history.told_before", \
	  "a definite noun (the attack) with no place, day or toll of its own refers back") \
	X(WHEN_CLAUSE_DATE, "when.clause_date", "a date in the clause dates the event")              \
	X(WHEN_SENTENCE_DATE, "when.sentence_date", "a date elsewhere in the sentence dates the event") \
	X(WHEN_MONTH_OF_ARTICLE, "when.month_of_article", \
	  "no date in the sentence: the month the article is about (early this month)") \
	X(WHEN_PUBLISHED, "when.published", "no date at all: the publication day, within a week")    \
	X(WHERE_IN_CLAUSE, "where.in_clause", "the most specific place in the clause")               \
	X(WHERE_IN_SENTENCE, "where.in_sentence", "the best place elsewhere in the sentence")        \
	X(WHERE_PARAGRAPH, "where.paragraph", "no place in the sentence: the last of the paragraph") \
	X(WHERE_ORIGIN, "where.origin", \
	  "only where it came from is told (launched from Ghouta)") \
	X(WHERE_NONE, "where.none", "no place told for the frame")                                   \
	X(WHERE_SEAT, "where.seat", \
	  "a dateline, an organisation's seat (and its seat is London) or an outlet's name (the reporter of al-Mayadeen) is not where it happened") \
	X(WHERE_ADJECTIVE_NAME, "where.adjective_name", \
	  "a settlement cue and an adjective (a residential neighbourhood) is no village of that name") \
	X(WHERE_ACTOR_NAME, "where.actor_name", \
	  "the place is only inside an actor's name (Deir ez-Zor Military Council): any other place of the sentence comes first") \
	X(WHERE_ARTICLE_COUNTRY, "where.article_country",                                          \
	  "no country from the place: the country the article's places point to")                  \
	X(WHERE_PLACE_LIST, "where.place_list", \
	  "strikes on X, Y and Z: one event per listed place") \
	X(WHERE_JOINED_LIST, "where.joined_list", \
	  "a further list joined by and with a plural cue (and the villages of A and B) gives one event per place too") \
	X(WHERE_ONE_GOVERNORATE, "where.one_governorate",                                          \
	  "an event placed in a part of a country, or a toll without place, in an article about one governorate") \
	X(WHERE_NO_PLACE, "where.no_place", "no place below the country and no toll: no event")      \
	X(COUNTS_RUNNING_TOLL, "counts.running_toll", "hundreds killed with no day: a running toll") \
	X(COUNTS_TOLL_NOUN, "counts.toll_noun", \
	  "a number of dead (a hundred dead): a toll, counted on its event") \
	X(TYPE_PARTICIPANTS, "type.participants", \
	  "the protesters as people, told with their protest") \
	X(MERGE_TOLL_OF_ATTACK, "merge.toll_of_attack", \
	  "the toll the sentence's attack caused (which led to the death of) dates it, and types an attack on no armed side") \
	X(MERGE_ELABORATES, "merge.elaborates", \
	  "a definite noun that gives the day or place completes an event told before") \
	X(MERGE_SAME_SENTENCE, "merge.same_sentence", "two mentions of one happening in a sentence") \
	X(MERGE_SAME_HAPPENING, "merge.same_happening",                                            \
	  "the same type, place, day and sides told again")                                        \
	X(MERGE_HEADLINE, "merge.headline", "a headline's event folds into the body's")              \
	X(MERGE_HEADLINE_ASIDE, "merge.headline_aside",                                            \
	  "a headline frame is kept aside to fold into the body's events")                         \
	X(MERGE_INTERCEPTION, "merge.interception", "an interception absorbs the missile it stopped") \
	X(MERGE_BOMBING_MEANS, "merge.bombing_means", \
	  "shelling and raids in one sentence: one bombardment, typed by its most specific means") \
	X(MERGE_RAID_WAS_FIGHT, "merge.raid_was_fight", "a raid in which fighters died was a fight") \
	X(MERGE_TERRITORY_FIGHT, "merge.territory_fight",                                          \
	  "the fighting that won ground, told with the takeover, is the takeover")                 \
	X(MERGE_PROTEST_KILLING, "merge.protest_killing",                                          \
	  "killings during protests: excessive force against protesters")                          \
	X(MERGE_TYPED_MENTION, "merge.typed_mention", "the typed mention decides a generic one's type") \
	X(MERGE_PROVINCE_INTO_TOWN, "merge.province_into_town",                                    \
	  "a lead naming only the province folds into the event naming the town")                  \
	X(MERGE_CROWD_NOT_FORCE, "merge.crowd_not_force",                                          \
	  "after merges, a crowd is never the force in excessive force")

enum rule {
#define X(id, name, description) R_##id,
	RASD_RULES(X)
#undef X
	R_COUNT
};

#endif
