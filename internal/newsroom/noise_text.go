package newsroom

// The noise pools are fictional and deliberately share no sentence with any
// demo story, so a leak of noise into an extraction is easy to spot.

var mostReadPool = []string{
	"Ferry fares to rise 40 cents in January, harbor commission says",
	"Eastmarsh teen wins state spelling bee on the word “sesquipedalian”",
	"Opinion: Port Aldane needs a second causeway, and it needed it in 1990",
	"Police search for driver who fled crash on Lantern Row",
	"Restaurant review: the dumplings at Tin Kettle are worth the wait",
	"Aldane Gulls trade veteran pitcher for two prospects",
	"Water main break leaves Cresset Hill without service for six hours",
	"The 12 best pumpkin patches within an hour of Port Aldane",
	"Former harbor commissioner sentenced in permit bribery case",
	"Weekend forecast: clear skies, cold nights across the bay",
	"Landlord fined $90,000 over heat complaints at Quarry Court",
	"Letters: readers weigh in on the new parking meters downtown",
	"How the old cannery became Port Aldane’s favorite food hall",
	"Obituary: Edda Vos, 91, taught swimming to three generations",
}

var recommendedPool = []string{
	"Sponsored: This retirement trick has Port Aldane seniors talking",
	"You won’t believe what this 1970s sitcom star looks like now",
	"Homeowners in the bay area are switching to this roof coating",
	"The one kitchen gadget chefs say you should never buy",
	"Why doctors are rethinking the morning cup of coffee",
	"Our critic’s picks: nine new books for a rainy weekend",
	"Tour the restored lighthouse keeper’s cottage on Gull Point",
	"Photos: the best costumes from the harbor lantern parade",
	"Podcast: inside the fight over the Eastmarsh wind farm",
	"Quiz: how well do you know Port Aldane’s street names?",
}

// capsPromoPool imitates the all-caps related-story teasers that some
// publishers drop between paragraphs.
var capsPromoPool = []string{
	"WHAT IS THE HARBOR COMMISSION AFRAID OF?",
	"MAYOR VANCE’S PLAN FOR THE WATERFRONT, EXPLAINED",
	"THE SECRET HISTORY OF THE ALDANE SEAWALL",
	"WHY YOUR POWER BILL IS ABOUT TO GO UP",
	"INSIDE THE COUNCIL’S CLOSED-DOOR BUDGET TALKS",
	"EXCLUSIVE: WHO REALLY OWNS THE OLD CANNERY?",
}

var newsletterPool = []string{
	"Sign up for our newsletter",
	"Sign up for our morning briefing newsletter",
	"Get the Courier’s top stories in your inbox every morning",
}

var adUnits = []string{"/2291/courier/news/article", "/2291/courier/ros", "/2291/courier/news/inline"}

var adSizes = []string{"300x250", "728x90", "320x50", "300x600", "970x250"}
