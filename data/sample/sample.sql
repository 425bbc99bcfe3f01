-- Chronomap's sample data set: the events an analyst codes from three news
-- articles on the fall of the Islamic State's territory in eastern Syria
-- (Raqqa, October 2017; Baghouz, March 2019).  Built into sample.sqlite at
-- build time on top of data/schema.sql.
--
-- Locations are kept as the articles write them, with no coordinates, so that
-- the geocoder visibly places them when the file is opened.  Source titles
-- are descriptive (the article texts carry no headline of their own); the
-- quotes are the words of each article that support the event.

INSERT INTO dataset (key, value) VALUES
  ('title', 'The fall of the Islamic State in eastern Syria, 2014–2019'),
  ('description', 'Events coded from three news reports on the battles for Raqqa (2017) and Baghouz (2019), with the background events they mention.'),
  ('licence', 'Coding CC0; quotations from the reports are short excerpts for reference.'),
  ('created_by', 'Chronomap sample data');

INSERT INTO sources (id, title, publisher, url, published) VALUES
  (1, 'US-backed Syrian forces say they are close to defeating Islamic State in its final scrap of territory in Baghouz', 'Wire copy (Reuters, AP)', NULL, '2019-03-20'),
  (2, 'Besieged Islamic State militants in Baghouz call for attacks as the SDF offensive nears its end', 'Gulf News, with AP reporting', NULL, '2019-03-12'),
  (3, 'U.S.-backed militias launch final assault on Islamic State in Raqqa', 'Reuters', NULL, '2017-10-15');

INSERT INTO events (id, date_start, date_end, date_precision, event_type, sub_event_type,
                    actor1, actor2, location, country, fatalities, source_id, quote) VALUES
  (1, '2019-03-19', NULL, 'day', 'Battles', 'Non-state actor overtakes territory',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', NULL, 1,
   'an encampment was seized from the jihadists on Tuesday'),
  (2, '2019-03-19', NULL, 'day', 'Strategic developments', 'Arrests',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', NULL, 1,
   'It also captured 157 mostly foreign fighters'),
  (3, '2019-03-20', NULL, 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', NULL, 1,
   'the battle at Baghouz is ongoing and clashes continue'),
  (4, '2019-01-20', '2019-03-20', 'day', 'Strategic developments', 'Other',
   'Islamic State', NULL, 'Baghouz', 'SY', NULL, 1,
   'Over the past two months, more than 60,000 people have poured out of the dwindling enclave'),
  (5, '2019-03-10', NULL, 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', NULL, 2,
   'resumed their offensive against Daesh on Sunday night'),
  (6, '2019-03-10', '2019-03-12', 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', 41, 2,
   '38 militants and three SDF fighters have been killed'),
  (7, '2019-03-12', NULL, 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Baghouz', 'SY', NULL, 2,
   'his men advanced overnight and secured some positions on the edge of a tent settlement'),
  (8, '2019-03-12', NULL, 'day', 'Explosions/Remote violence', 'Air/drone strike',
   'Coalition forces', 'Islamic State', 'Baghouz', 'SY', NULL, 2,
   'The planes struck the ammunition depot'),
  (9, '2017-10-15', NULL, 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Raqqa', 'SY', NULL, 3,
   'launched their final assault on Syria s Raqqa on Sunday'),
  (10, '2017-10-14', NULL, 'day', 'Strategic developments', 'Agreement',
   'Islamic State', 'Syrian Democratic Forces', 'Raqqa', 'SY', NULL, 3,
   'Last night, the final batch of fighters (who had agreed to leave) left the city'),
  (11, '2017-10-14', NULL, 'day', 'Battles', 'Government regains territory',
   'Syrian Army', 'Islamic State', 'al-Mayadin', 'SY', NULL, 3,
   'the army had captured the city of al-Mayadin'),
  (12, '2017-06-06', NULL, 'day', 'Battles', 'Armed clash',
   'Syrian Democratic Forces', 'Islamic State', 'Raqqa', 'SY', NULL, 3,
   'The SDF launched the battle for Raqqa on June 6'),
  (13, '2014-01', NULL, 'month', 'Battles', 'Non-state actor overtakes territory',
   'Islamic State', 'Rebel factions', 'Raqqa', 'SY', NULL, 3,
   'had captured the city in January 2014'),
  (14, '2014-06', NULL, 'month', 'Battles', 'Non-state actor overtakes territory',
   'Islamic State', NULL, 'Mosul', 'IQ', NULL, 3,
   'leading up to its capture of Mosul in June that year'),
  (15, '2014-07', NULL, 'month', 'Violence against civilians', 'Attack',
   'Islamic State', 'Syrian Army', 'Raqqa', 'SY', NULL, 3,
   'The group killed dozens of captured Syrian soldiers there in July 2014'),
  (16, '2015-11', NULL, 'month', 'Violence against civilians', 'Attack',
   'Islamic State', 'Civilians', 'Paris', 'FR', 130, 3,
   'in November 2015, after militants killed more than 130 people in Paris'),
  (17, '2015-11', NULL, 'month', 'Explosions/Remote violence', 'Air/drone strike',
   'Military Forces of France', 'Islamic State', 'Raqqa', 'SY', NULL, 3,
   'France launched air strikes on Islamic State targets inside Raqqa');
