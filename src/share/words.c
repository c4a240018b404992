/*
 * words.c: the words of a share passphrase, and reading one back.
 *
 * A share passphrase is six words drawn uniformly (randombytes_uniform)
 * from the list below: 1112 plain, calm English words of three to eight
 * letters, so six of them carry 6 x log2(1112) = 60.7 bits.  The list was
 * written for tend: everyday things, places, plants and animals, leaving
 * out words that could jar someone in distress (weapons, illness, family
 * roles, darkness, money).  The unit test checks it is sorted, without
 * duplicates and long enough.
 *
 * People may type the words back in any case, separated by any mix of
 * spaces, dashes, dots or commas; share_passphrase_normalize turns that
 * into lower-case words joined by single spaces, the form the key is
 * derived from.
 */
#include "config.h"

#include "tend/share.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

const char *const share_words[] = {
	"able", "acorn", "actor", "adapt", "admit", "advice", "after",
	"again", "agent", "agree", "ahead", "aim", "air", "airport", "aisle",
	"album", "alley", "allow", "almond", "alpha", "already", "also",
	"alter", "always", "amber", "amount", "amuse", "anchor", "ancient",
	"angle", "animal", "ankle", "annual", "answer", "antique", "anvil",
	"apart", "apple", "april", "apron", "arch", "arctic", "area", "arena",
	"argue", "arm", "aroma", "arrow", "art", "artist", "aside", "ask",
	"aspen", "atlas", "atom", "attic", "august", "autumn", "avocado",
	"awake", "award", "away", "axis", "bacon", "badge", "bag", "bake",
	"balance", "balcony", "ball", "bamboo", "banana", "band", "banjo",
	"barn", "barrel", "basin", "basket", "bath", "beach", "bead", "beam",
	"bean", "beard", "beaver", "bed", "bee", "beef", "beetle", "begin",
	"bell", "belt", "bench", "berry", "bicycle", "bird", "biscuit",
	"black", "blade", "blank", "blanket", "blend", "block", "blossom",
	"blouse", "blue", "blur", "board", "boat", "boil", "bold", "bone",
	"book", "boot", "border", "bottle", "bottom", "bounce", "bowl", "box",
	"brain", "branch", "brass", "brave", "bread", "breeze", "brick",
	"bridge", "brief", "bright", "bring", "broom", "brown", "brush",
	"bubble", "bucket", "buckle", "buffalo", "build", "bulb", "bundle",
	"bunny", "burger", "bus", "bush", "butter", "button", "buzz",
	"cabbage", "cabin", "cable", "cactus", "cake", "calm", "camel",
	"camera", "camp", "canal", "candle", "candy", "canoe", "canvas",
	"canyon", "cape", "car", "card", "cargo", "carpet", "carrot", "cart",
	"carve", "case", "castle", "cat", "catch", "cave", "cedar", "cello",
	"cement", "cereal", "chair", "chalk", "change", "chapter", "charm",
	"chart", "chase", "check", "cheek", "cheese", "chef", "cherry",
	"chess", "chest", "chicken", "chief", "chimney", "choice", "chorus",
	"cinema", "circle", "city", "clap", "clay", "clean", "clerk",
	"clever", "climb", "clip", "clock", "cloth", "cloud", "clown", "club",
	"coach", "coast", "coconut", "code", "coffee", "coin", "collar",
	"colony", "color", "comet", "comfort", "comic", "common", "cook",
	"cool", "copper", "coral", "corn", "corner", "cottage", "cotton",
	"couch", "country", "couple", "course", "cover", "coyote", "crab",
	"craft", "crane", "crater", "crayon", "cream", "creek", "crew",
	"cricket", "crisp", "crop", "crowd", "crown", "crystal", "cube",
	"cup", "cupboard", "curious", "curtain", "curve", "cushion", "custom",
	"cycle", "daisy", "dance", "dawn", "day", "deer", "degree", "delta",
	"denim", "depth", "desert", "desk", "detail", "dial", "diamond",
	"diary", "dinner", "direct", "dish", "dog", "doll", "dolphin",
	"domain", "donkey", "door", "double", "dove", "drama", "draw",
	"dream", "dress", "drift", "drink", "drum", "duck", "dune", "eager",
	"eagle", "early", "earn", "earth", "easel", "east", "easy", "echo",
	"edge", "eel", "egg", "eight", "elbow", "elegant", "elephant",
	"elevator", "elk", "emerald", "engine", "enjoy", "enough", "enter",
	"equal", "era", "essay", "estate", "evening", "event", "exact",
	"exit", "expert", "fabric", "fact", "fade", "fair", "falcon",
	"famous", "fan", "fancy", "farm", "fashion", "fast", "feather",
	"feed", "fence", "fern", "ferry", "festival", "fiber", "field", "fig",
	"film", "final", "finch", "finger", "first", "fish", "five", "flag",
	"flash", "flat", "flavor", "fleet", "flight", "float", "flock",
	"floor", "flour", "flower", "fluid", "flute", "foam", "focus", "folk",
	"follow", "food", "foot", "forest", "fork", "fossil", "fountain",
	"fox", "frame", "fresh", "friend", "frog", "frost", "fruit", "fuel",
	"fun", "funny", "gadget", "galaxy", "gallery", "game", "garage",
	"garden", "garlic", "gate", "gather", "gauge", "gentle", "giant",
	"gift", "ginger", "giraffe", "glad", "glass", "glide", "globe",
	"glove", "glow", "glue", "goat", "gold", "golf", "good", "goose",
	"gown", "grace", "grain", "grape", "grass", "gravel", "great",
	"green", "grid", "grill", "grin", "groove", "ground", "group", "grow",
	"guard", "guest", "guide", "guitar", "gulf", "gym", "habit", "hair",
	"half", "hall", "hammock", "hand", "happy", "harbor", "hard",
	"harvest", "hat", "hawk", "hazel", "health", "heart", "heavy",
	"hedge", "helmet", "help", "herb", "hero", "heron", "high", "hill",
	"hint", "history", "hobby", "holiday", "home", "honey", "hood",
	"hope", "horizon", "horn", "horse", "hotel", "hour", "house", "hub",
	"human", "humor", "hundred", "hut", "ice", "icon", "idea", "igloo",
	"image", "inch", "index", "indoor", "ink", "inner", "insect",
	"invite", "iron", "island", "ivory", "ivy", "jacket", "jaguar", "jam",
	"jar", "jazz", "jeans", "jelly", "jewel", "join", "joke", "journey",
	"joy", "juice", "july", "jump", "jungle", "just", "kangaroo", "keen",
	"kettle", "key", "kind", "kitchen", "kite", "kitten", "kiwi", "knee",
	"koala", "label", "lace", "ladder", "lake", "lamb", "lamp", "lantern",
	"large", "later", "laugh", "lawn", "leaf", "learn", "leather", "left",
	"lemon", "lens", "leopard", "letter", "level", "library", "lid",
	"light", "lilac", "lily", "limb", "lime", "linen", "liquid", "list",
	"little", "lizard", "llama", "lobster", "local", "lodge", "logic",
	"long", "loop", "lotus", "loud", "lounge", "lucky", "lumber", "lunar",
	"lunch", "lyric", "machine", "magic", "magnet", "mail", "major",
	"mammal", "mango", "mansion", "maple", "marble", "march", "meadow",
	"meal", "medal", "melody", "melon", "member", "memory", "mention",
	"menu", "merit", "mesh", "metal", "method", "middle", "milk", "mill",
	"mineral", "minute", "mirror", "mitten", "mixed", "model", "modern",
	"moment", "monkey", "month", "moon", "moose", "morning", "mosaic",
	"moss", "motor", "mountain", "mouse", "movie", "muffin", "mule",
	"museum", "music", "mustard", "nail", "name", "napkin", "narrow",
	"nature", "navy", "near", "neat", "nectar", "nest", "net", "neutral",
	"new", "nice", "nine", "noble", "noise", "noodle", "normal", "north",
	"nose", "note", "notice", "novel", "number", "nut", "oak", "oasis",
	"oat", "object", "ocean", "october", "odor", "offer", "often",
	"olive", "omelet", "onion", "open", "opera", "option", "orange",
	"orbit", "orchard", "orchid", "order", "organ", "origin", "ostrich",
	"other", "otter", "outdoor", "oval", "oven", "owl", "owner", "oxygen",
	"oyster", "pace", "paddle", "page", "paint", "palace", "palm",
	"pancake", "panda", "panel", "paper", "parade", "park", "parrot",
	"party", "pass", "pasta", "patch", "path", "patio", "pause", "peace",
	"peach", "peanut", "pear", "pebble", "pelican", "pen", "pencil",
	"penguin", "pepper", "perfect", "person", "pet", "photo", "piano",
	"picnic", "picture", "piece", "pig", "pigeon", "pillow", "pilot",
	"pine", "pink", "pizza", "place", "planet", "plant", "plate", "play",
	"plaza", "plenty", "plum", "pocket", "poem", "poet", "polar", "pond",
	"pony", "pool", "popcorn", "poppy", "porch", "portal", "potato",
	"pottery", "powder", "power", "prairie", "present", "pretty", "print",
	"prize", "pudding", "pulse", "pumpkin", "puppy", "purple", "puzzle",
	"pyramid", "quail", "quarter", "quest", "quick", "quiet", "quilt",
	"quote", "rabbit", "raccoon", "race", "radar", "radio", "rain",
	"rainbow", "raisin", "rally", "ranch", "rapid", "raven", "ready",
	"real", "recipe", "record", "red", "reef", "relax", "remote",
	"repair", "reply", "rest", "result", "ribbon", "rice", "rich",
	"riddle", "ride", "right", "ring", "ripple", "river", "road", "robin",
	"rock", "roof", "room", "root", "rope", "rose", "rough", "round",
	"route", "rubber", "ruby", "rug", "ruler", "rural", "saddle", "safe",
	"saga", "sail", "salad", "salmon", "salt", "sample", "sand", "sandal",
	"satin", "sauce", "sausage", "scale", "scarf", "scene", "science",
	"scout", "sea", "seal", "season", "seat", "second", "seed", "select",
	"sense", "series", "seven", "shallow", "shape", "share", "sheep",
	"shelf", "shell", "shield", "shift", "shine", "ship", "shirt", "shoe",
	"short", "shoulder", "shrimp", "sight", "silent", "silk", "silver",
	"simple", "sing", "six", "sketch", "ski", "skill", "sky", "sleep",
	"slice", "slide", "slope", "slow", "small", "smile", "smooth",
	"snack", "snail", "snow", "soap", "soccer", "sock", "sofa", "soft",
	"solar", "solid", "song", "soon", "sort", "sound", "soup", "south",
	"space", "spark", "speak", "spell", "spice", "spoon", "sport", "spot",
	"spray", "spring", "square", "squash", "squirrel", "stable",
	"stadium", "stage", "stairs", "stamp", "stand", "star", "state",
	"station", "statue", "steady", "steam", "steel", "stem", "step",
	"stereo", "stick", "still", "stone", "stool", "story", "stove",
	"strong", "studio", "style", "sugar", "suit", "summer", "summit",
	"sun", "sunny", "sunset", "super", "supply", "surf", "surprise",
	"swan", "sweet", "swift", "swim", "swing", "switch", "symbol",
	"syrup", "system", "table", "tail", "talent", "tank", "tape", "taxi",
	"tea", "teach", "team", "tennis", "tent", "term", "text", "thank",
	"theater", "theme", "thing", "thread", "three", "thumb", "ticket",
	"tide", "timber", "time", "tiny", "title", "toast", "today", "toe",
	"toffee", "token", "tomato", "tone", "tool", "tooth", "topic",
	"torch", "tortoise", "total", "tourist", "towel", "tower", "town",
	"toy", "track", "trade", "trail", "train", "travel", "tray", "treat",
	"tree", "trend", "trick", "trip", "trophy", "truck", "true",
	"trumpet", "tube", "tulip", "tuna", "tunnel", "turkey", "turn",
	"turtle", "twelve", "twenty", "twin", "type", "umbrella", "under",
	"unique", "unit", "update", "upper", "urban", "usual", "valley",
	"value", "van", "vanilla", "vapor", "vase", "vast", "velvet", "venue",
	"verb", "vessel", "vest", "video", "view", "village", "vintage",
	"violet", "violin", "visit", "visual", "vital", "vivid", "vocal",
	"voice", "vote", "voyage", "wagon", "waist", "walk", "wall", "walnut",
	"want", "warm", "wash", "watch", "water", "wave", "wax", "way",
	"wealth", "weather", "web", "week", "welcome", "west", "whale",
	"wheat", "wheel", "whisper", "white", "wide", "width", "wild",
	"willow", "win", "window", "wing", "winter", "wire", "wise", "wish",
	"wizard", "wonder", "wood", "wool", "word", "work", "world", "wrist",
	"write", "yard", "yarn", "year", "yellow", "yoga", "young", "zebra",
	"zero", "zone", "zoo",
};
const size_t share_nwords = sizeof share_words / sizeof share_words[0];

void
share_passphrase_new(char out[SHARE_PASSPHRASE_MAX])
{
	size_t o = 0;
	int i;

	for (i = 0; i < SHARE_PASSPHRASE_WORDS; i++) {
		const char *w = share_words[randombytes_uniform(
		    (uint32_t)share_nwords)];
		size_t n = strlen(w);

		if (i > 0)
			out[o++] = ' ';
		memcpy(out + o, w, n);
		o += n;
	}
	out[o] = '\0';
}

size_t
share_passphrase_normalize(char *s, size_t len)
{
	size_t i, o = 0;
	int gap = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c) || c == '-' || c == '.' || c == ',' ||
		    c == '_') {
			gap = o > 0;
			continue;
		}
		if (gap)
			s[o++] = ' ';
		gap = 0;
		s[o++] = (char)tolower(c);
	}
	if (o < len)
		sodium_memzero(s + o, len - o);
	return o;
}
