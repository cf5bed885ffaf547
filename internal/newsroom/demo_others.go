package newsroom

// bridgeStory is a transport story with a second set of edits, several of
// them close together in the body.
func bridgeStory() Story {
	first := Round{
		Headline:   "Harwick Street Bridge closed after inspectors find cracked beam",
		Byline:     "Jonah Fairweather",
		Dek:        "The 1962 span carries about 18,000 vehicles a day between downtown and the Eastmarsh neighborhoods.",
		Developing: true,
		Paragraphs: []string{
			"Port Aldane closed the Harwick Street Bridge to all traffic Tuesday afternoon after a routine inspection found a crack in one of the steel beams that support its eastern approach, the city’s public works department said.",
			"Inspectors spotted the crack during an underwater and below-deck survey that is carried out every two years, Public Works Director Hanne Solberg told reporters. She said it was not yet clear how long the crack had been there.",
			"“We are not going to guess with a bridge,” Solberg said. “Until we know how deep that crack goes, nobody drives over it, nobody walks over it.”",
			"Drivers were being sent north to the Cooper Mill Bridge, a detour the city estimated would add about 15 minutes to a trip downtown at rush hour.",
			"Bus routes 4 and 11, which cross the bridge, will be rerouted starting Wednesday morning, the Aldane Transit Authority said.",
		},
	}
	return newScript("harwick-street-bridge-closed", "Transportation", first).
		then(EditNumberChanged, "detour estimate: 15 → 25 minutes",
			replaceText("about 15 minutes", "about 25 minutes")).
		then(EditParagraphAdded, "paragraph on businesses near the bridge added at the end",
			appendParagraph("Shop owners on Harwick Street’s eastern end said they had already seen fewer customers. “Tuesday is usually our busiest lunch,” said Priya Castellanos, who runs a bakery two blocks from the bridge. “Today it was quiet by noon.”")).
		then(EditNone, "no edit: only the page noise changes", nil).
		then(EditHeadlineChanged, "headline adds the expected length of the closure",
			func(r *Round) {
				r.Headline = "Harwick Street Bridge to stay closed at least six weeks after inspectors find cracked beam"
			}).
		then(EditSentenceRemoved, "sentence about how long the crack had been there removed",
			replaceText(" She said it was not yet clear how long the crack had been there.", "")).
		then(EditTypoFixed, "“Cooper Mill” corrected to “Coopers Mill”",
			replaceText("the Cooper Mill Bridge", "the Coopers Mill Bridge")).
		story()
}

// budgetStory is a council story that stops developing once the vote is in.
func budgetStory() Story {
	first := Round{
		Headline:   "Port Aldane council debates $412 million budget late into the night",
		Byline:     "Celeste Amadi",
		Dek:        "A proposal to cut library hours drew the loudest objections at a public hearing that ran past 11 p.m.",
		Developing: true,
		Paragraphs: []string{
			"The Port Aldane City Council was still debating the city’s $412 million budget for next year late Monday, after more than four hours of public comment dominated by objections to shorter library hours.",
			"The proposal would close the city’s five branch libraries on Sundays and cut weekday evening hours to save about $1.3 million, according to the budget office.",
			"More than 60 residents signed up to speak. Most urged the council to find the money elsewhere, and several pointed to a planned $2 million renovation of the council chambers.",
			"Council President Ruben Achterberg said he expected a vote before midnight.",
		},
	}
	return newScript("council-budget-vote", "Politics", first).
		then(EditParagraphAdded, "vote result added",
			appendParagraph("Shortly after midnight the council voted 6 to 3 to approve the budget with the library cuts removed, paying for the hours instead by postponing the council chambers renovation by a year.")).
		then(EditHeadlineChanged, "headline reports the vote",
			func(r *Round) {
				r.Headline = "Port Aldane council passes $412 million budget, drops library cuts"
			}).
		then(EditParagraphRemoved, "“expected a vote before midnight” paragraph removed",
			removeParagraph("Council President Ruben Achterberg said he expected")).
		then(EditNumberChanged, "vote count corrected: 6 to 3 → 7 to 2",
			replaceText("voted 6 to 3", "voted 7 to 2")).
		then(EditDevelopingRemoved, "no longer marked as developing",
			func(r *Round) { r.Developing = false }).
		story()
}

// libraryStory never changes: a tracker must store it exactly once however
// often it is fetched.
func libraryStory() Story {
	first := Round{
		Headline: "Eastmarsh library reopens after two-year renovation",
		Byline:   "Celeste Amadi",
		Dek:      "The branch gained a makerspace, a quiet reading room and longer weekend hours.",
		Paragraphs: []string{
			"The Eastmarsh branch of the Port Aldane Public Library reopened Saturday after a two-year, $6.8 million renovation that added a makerspace, a quiet reading room and a children’s wing with views of the marsh.",
			"Hundreds of residents lined up before the doors opened at 10 a.m. Branch manager Ottilie Marchetti said the library issued 212 new cards by early afternoon.",
			"The branch will be open from 9 a.m. to 8 p.m. on weekdays and from 10 a.m. to 6 p.m. on weekends, two hours longer on Saturdays than before the renovation.",
		},
	}
	return newScript("eastmarsh-library-reopens", "Community", first).story()
}
