package newsroom

// stormStory is the main demo story: twelve rounds, one for every edit kind.
func stormStory() Story {
	first := Round{
		Headline:   "Storm surge floods Port Aldane’s harbor district, Menard Causeway closed",
		Dek:        "Emergency crews went door to door on Quay Street as Tropical Storm Imelda pushed seawater over the harbor wall before dawn.",
		Developing: true,
		Paragraphs: []string{
			"Tropical Storm Imelda drove a surge of seawater over the harbor wall in Port Aldane early Thursday, flooding at least 40 homes in the low-lying harbor district and forcing officials to close the Menard Causeway in both directions.",
			"The city’s emergency management office said the water rose faster than forecast after 4 a.m., when the storm’s outer bands arrived with the morning high tide. By sunrise, Quay Street and the lower end of Bellweather Avenue were under more than two feet of water.",
			"About 1,200 households were without power shortly after 7 a.m., according to Aldane Power & Light, which said crews could not safely reach two flooded substations until the water receded.",
			"“We are asking everyone in the harbor district to stay upstairs and stay off the roads,” Mayor Teodora Vance said at a briefing outside City Hall. “If you need help getting out, call 911 and we will come to you.”",
			"The causway, the only direct route between the harbor district and St. Brendan’s Hospital on Cresset Hill, will stay closed until engineers can inspect the bridge deck, the transportation department said.",
			"Aldane Unified canceled classes at all 14 of its schools. A shelter has opened at the Northgate Community Center on Lamplighter Road, where volunteers said there was room for 300 people and their pets.",
			"Forecasters at the regional weather office expect Imelda to weaken as it moves inland Thursday afternoon, but warned that the next high tide, around 5 p.m., could bring a second round of flooding.",
		},
	}
	return newScript("storm-surge-floods-harbor-district", "Weather", first).
		then(EditParagraphAdded, "rescue paragraph added after the mayor’s quote",
			insertParagraph("The causway",
				"Fire Chief Anders Mabry said crews had carried 23 people out of flooded homes by boat, including an elderly couple stranded in the attic of their house on Tiller Lane. No serious injuries had been reported.")).
		then(EditNumberChanged, "households without power: 1,200 → 3,400",
			replaceText("About 1,200 households", "About 3,400 households")).
		then(EditNone, "no edit: only the page noise changes", nil).
		then(EditTypoFixed, "“causway” corrected to “causeway”",
			replaceText("The causway,", "The causeway,")).
		then(EditHeadlineChanged, "headline now leads with the rescues",
			func(r *Round) {
				r.Headline = "Dozens rescued by boat as storm surge floods Port Aldane’s harbor district"
			}).
		then(EditBylineAdded, "byline added",
			func(r *Round) { r.Byline = "Marisol Oyelaran, Dev Pattinson" }).
		then(EditParagraphsReordered, "shelter paragraph moved up, before the power outage paragraph",
			moveParagraph("Aldane Unified canceled", "About 3,400 households")).
		then(EditSentenceRemoved, "“No serious injuries had been reported.” removed",
			replaceText(" No serious injuries had been reported.", "")).
		then(EditParagraphRemoved, "forecast paragraph removed after the evening tide passed",
			removeParagraph("Forecasters at the regional weather office")).
		then(EditCorrectionAppended, "correction about the shelter’s street appended",
			func(r *Round) {
				r.Notes = append(r.Notes, "Correction: An earlier version of this story gave the wrong street for the Northgate Community Center shelter. It is on Lamplighter Road, not Lamplight Road.")
			}).
		then(EditDevelopingRemoved, "no longer marked as developing",
			func(r *Round) { r.Developing = false }).
		story()
}
