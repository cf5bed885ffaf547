package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A printed byline in another language ("Por …", "Von …", "Par …") under
// the headline fills the byline when the metadata names no author, and
// is not a paragraph of the story.
func TestExtractor_Extract_printedBylineInOtherLanguages(t *testing.T) {
	paras := []string{
		"El ayuntamiento anunció el jueves que el puente del puerto seguirá cerrado al tráfico al menos dos semanas más mientras los ingenieros revisan las columnas dañadas.",
		"El cierre, que comenzó después de que un carguero chocara contra la estructura el lunes por la noche, ha obligado a miles de personas a usar los transbordadores.",
		"Los ingenieros han examinado hasta ahora cuatro de las once columnas del tramo oriental, y dos muestran grietas que habrá que reparar antes de reabrir el puente.",
		"La naviera que opera el buque dijo en un comunicado que colabora plenamente con la investigación y que su tripulación informó de una avería del timón.",
		"Los comercios de ambas orillas del río dicen que el cierre ya les está costando clientes, y una panadería cerca de la rampa oeste vende la mitad que antes.",
	}
	for _, tt := range []struct{ line, want string }{
		{"Por María Fernández", "María Fernández"},
		{"Von Jörg Müller", "Jörg Müller"},
		{"Par Claire Dubois", "Claire Dubois"},
	} {
		var b strings.Builder
		fmt.Fprintf(&b, `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>El puente del puerto seguirá cerrado</title></head>
<body><nav><a href="/">Inicio</a></nav><article><h1>El puente del puerto seguirá cerrado</h1><p class="firma">%s</p>`, tt.line)
		for _, p := range paras {
			fmt.Fprintf(&b, "<p>%s</p>\n", p)
		}
		b.WriteString(`</article><footer><p>Todos los derechos reservados.</p></footer></body></html>`)
		a, err := mustNew(t, Options{}).Extract([]byte(b.String()), storyURL)
		if err != nil {
			t.Fatal(err)
		}
		if a.Byline != tt.want {
			t.Errorf("%q: Byline = %q, want %q", tt.line, a.Byline, tt.want)
		}
		if len(a.Paragraphs) != len(paras) || a.Paragraphs[0] != paras[0] {
			t.Errorf("%q: Paragraphs = %q, want the %d paragraphs of the story", tt.line, a.Paragraphs, len(paras))
		}
	}
}
