# language: sv
Egenskap: Tertialets datainsamling med nämnderna
  Som den som sammanställer tertialrapporten
  vill jag skicka en arbetsbok till varje nämnd, läsa in det de fyllt i och se vad som saknas,
  så att jag kan jaga det som fattas och publicera först när alla är klara.

  Bakgrund:
    Givet ett projekt skapat med "maluppfyllelse init --exempel"

  Scenario: En hel insamlingsrunda, med ett felskrivet tal som rättas
    När jag skapar arbetsböckerna för perioden "2025-12"
    Så finns en arbetsbok per nämnd: RS, HSN, RUN, KTN, PN
    När HSN skriver "4,2" som utfall för "td-hsn-hse"
    Och HSN skriver "ca 2000" som utfall för "td-hsn-bokade-timmar-vuxna"
    Och HSN väljer statusen "Pågående enligt plan" för uppdraget "td-u01"
    Och jag importerar HSN:s arbetsbok
    Så blir slutkoden 1
    Och felet pekar på cellen för utfallet av "td-hsn-bokade-timmar-vuxna": "'ca 2000' är inget tal; skriv bara talet, t.ex. 57,5 [tal]"
    Och ingen utfallsfil för perioden "2025-12" har skrivits
    När HSN skriver "1 920" som utfall för "td-hsn-bokade-timmar-vuxna"
    Och jag importerar HSN:s arbetsbok och klarmarkerar
    Så blir slutkoden 0
    Och utfallet för "td-hsn-hse" är 4.2 och för "td-hsn-bokade-timmar-vuxna" 1920
    Och status säger "HSN Hälso- och sjukvårdsnämnden: klar" och "1 av 5 nämnder klarmarkerade"
    Och "maluppfyllelse status --kräv-klar" avslutas med 1
    När jag skapar Bilaga 1 i Markdown
    Så blir slutkoden 0
    Och bilagan för perioden "2025-12" finns

  Scenario: Ett värde som redan finns ersätts bara med --ersätt
    När jag skapar arbetsböckerna för perioden "2025-08"
    Och HSN skriver "4,2" som utfall för "td-hsn-hse"
    Och jag importerar HSN:s arbetsbok
    Så blir slutkoden 1
    Och felet pekar på cellen för utfallet av "td-hsn-hse": "4,2 skulle ersätta utfall 4,1 i fixtures/2025-08/malomraden/tandvard.yaml:91; ange --ersätt för att ersätta [ersätter-värde]"
    När jag importerar HSN:s arbetsbok med "--ersätt"
    Så blir slutkoden 0
    Och utfallet för "td-hsn-hse" är 4.2 och för "td-hsn-bokade-timmar-vuxna" 1920
