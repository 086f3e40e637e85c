# language: sv
Egenskap: Måluppfyllelse för nyckeltal, uppdrag och målområden
  Som handläggare som sammanställer Bilaga 1 i delårsrapporten
  vill jag kunna läsa exakt hur varje färg räknas fram ur regelfilerna och periodens utfall,
  så att varje bedömning går att granska och upprepa.

  Symbolförklaringen: grönt = målet uppnått, gult = delvis uppnått (pågående aktiviteter
  i rätt riktning), rött = uppnås inte. Mätetalen har ett intervall där 90–99 % är gult.
  Måluppfyllelsen är utfall ÷ mål, eller mål ÷ utfall när ett lägre värde är bättre.
  Ett utfall som saknas eller inte mäts denna period är ej bedömt och räknas aldrig som rött.

  Bakgrund:
    Givet statusskalan i rules/skala.yaml, där 90–99 % av målet är gult
    Och perioden är "2025-08", "per augusti 2025", där nyckeltal som mäts per tertial och halvår ska ha utfall

  # ---------------------------------------------------------------------------------------
  # Kvot: utfall ÷ mål (högre är bättre) eller mål ÷ utfall (lägre är bättre)
  # ---------------------------------------------------------------------------------------

  Scenario: Högre är bättre: måluppfyllelsen är utfall delat med mål
    Givet nyckeltalet "Leverantörstrohet" för RS med riktning "Minst" och mål 95 %
    Och utfallet för "Leverantörstrohet" är 92 %
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Leverantörstrohet" 96,8 %
    Och nyckeltalet "Leverantörstrohet" blir gult

  Scenario: Lägre är bättre: måluppfyllelsen är mål delat med utfall
    Givet nyckeltalet "Medelvärde väntedagar till operation" för HSN med riktning "Max" och mål 100 dagar
    Och utfallet för "Medelvärde väntedagar till operation" är 106 dagar
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Medelvärde väntedagar till operation" 94,3 %
    Och nyckeltalet "Medelvärde väntedagar till operation" blir gult

  Scenariomall: Gränserna för det gula intervallet
    Givet nyckeltalet "<nyckeltal>" för <nämnd> med riktning "<riktning>" och mål <mål>
    Och utfallet för "<nyckeltal>" är <utfall>
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "<nyckeltal>" <måluppfyllelse> %
    Och nyckeltalet "<nyckeltal>" blir <status>

    Exempel: Högre är bättre ("Minst"): utfall ÷ mål
      | nyckeltal                      | nämnd | riktning | mål | utfall | måluppfyllelse | status |
      | Andel besök inom vårdgarantin  | HSN   | Minst    | 100 | 89,9   | 89,9           | rött   |
      | Andel besök inom vårdgarantin  | HSN   | Minst    | 100 | 90     | 90,0           | gult   |
      | Andel besök inom vårdgarantin  | HSN   | Minst    | 100 | 99,9   | 99,9           | gult   |
      | Andel besök inom vårdgarantin  | HSN   | Minst    | 100 | 100    | 100,0          | grönt  |
      | Andel besök inom vårdgarantin  | HSN   | Minst    | 100 | 104    | 104,0          | grönt  |

    Exempel: Lägre är bättre ("Max"): mål ÷ utfall
      | nyckeltal                      | nämnd | riktning | mål  | utfall | måluppfyllelse | status |
      | Antal väntande över 90 dagar   | HSN   | Max      | 89,9 | 100    | 89,9           | rött   |
      | Antal väntande över 90 dagar   | HSN   | Max      | 90   | 100    | 90,0           | gult   |
      | Antal väntande över 90 dagar   | HSN   | Max      | 81   | 90     | 90,0           | gult   |
      | Antal väntande över 90 dagar   | HSN   | Max      | 99,9 | 100    | 99,9           | gult   |
      | Antal väntande över 90 dagar   | HSN   | Max      | 100  | 100    | 100,0          | grönt  |
      | Antal väntande över 90 dagar   | HSN   | Max      | 100  | 80     | 125,0          | grönt  |

    Exempel: Ur delårsrapporten per augusti 2025
      | nyckeltal                                                         | nämnd | riktning | mål | utfall | måluppfyllelse | status |
      | Leverantörstrohet                                                 | RS    | Minst    | 95  | 92     | 96,8           | gult   |
      | Medelvärde väntedagar till operation                              | HSN   | Max      | 100 | 106    | 94,3           | gult   |
      | Antal väntande över 90 dagar till förstabesök inom hudsjukvården | HSN   | Max      | 200 | 271    | 73,8           | rött   |

  Scenariomall: Ett utfall lika med målet: "Minst" och "Max" är uppfyllda, skarpa gränser är det inte
    Givet nyckeltalet "Tillgänglighet" för HSN med riktning "<riktning>" och mål 95 %
    Och utfallet för "Tillgänglighet" är 95 %
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Tillgänglighet" 100,0 %
    Och nyckeltalet "Tillgänglighet" blir <status>

    Exempel:
      | riktning   | status |
      | Minst      | grönt  |
      | >          | gult   |
      | Högre än   | gult   |
      | Max        | grönt  |
      | <          | gult   |
      | Lägre än   | gult   |
      | Kortare än | gult   |

  Scenario: Ett nyckeltal kan ha ett eget gult intervall
    Givet nyckeltalet "Andel ekologiska livsmedel (öka)" för RS med riktning "Minst" och mål 42 %
    Och nyckeltalet "Andel ekologiska livsmedel, eget intervall" för HSN med riktning "Minst" och mål 42 %
    Och "Andel ekologiska livsmedel, eget intervall" har ett eget gult intervall från 85 %
    Och utfallet för "Andel ekologiska livsmedel (öka)" är 37 %
    Och utfallet för "Andel ekologiska livsmedel, eget intervall" är 37 %
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Andel ekologiska livsmedel (öka)" 88,1 %
    Och nyckeltalet "Andel ekologiska livsmedel (öka)" blir rött
    Och måluppfyllelsen för "Andel ekologiska livsmedel, eget intervall" är 88,1 %
    Och nyckeltalet "Andel ekologiska livsmedel, eget intervall" blir gult

  # ---------------------------------------------------------------------------------------
  # Uppfyllt eller inte: för negativa mål och kostnadsutveckling, där en kvot saknar mening
  # ---------------------------------------------------------------------------------------

  Scenariomall: Kostnadsutveckling bedöms som uppfyllt eller inte, utan gult intervall
    Givet det finansiella målet "<mål>" med riktning "Max" och mål <målvärde> %
    Och "<mål>" bedöms med metoden "uppfyllt"
    Och utfallet för "<mål>" är <utfall> %
    När måluppfyllelsen beräknas
    Så blir det finansiella målet "<mål>" <status>
    Och ingen måluppfyllelse i procent anges för "<mål>"

    Exempel:
      | mål                      | målvärde | utfall | status |
      | Nettokostnadsutveckling  | −3,8     | −2,4   | rött   |
      | Nettokostnadsutveckling  | −3,8     | −3,8   | grönt  |
      | Nettokostnadsutveckling  | −3,8     | −4,5   | grönt  |
      | Bruttokostnadsutveckling | −3,1     | 0,6    | rött   |

  # ---------------------------------------------------------------------------------------
  # Egna intervall (band)
  # ---------------------------------------------------------------------------------------

  Scenariomall: Egna intervall över utfallet, där det första intervallet som passar gäller
    Givet nyckeltalet "Andel patienter som får besök inom 30 dagar" för HSN med riktning "Minst" och mål 95 %
    Och "Andel patienter som får besök inom 30 dagar" bedöms med egna intervall över utfallet:
      | status | från | till |
      | grön   | 95   |      |
      | gul    | 80   | 95   |
      | röd    |      |      |
    Och utfallet för "Andel patienter som får besök inom 30 dagar" är <utfall> %
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Andel patienter som får besök inom 30 dagar" <status>

    Exempel:
      | utfall | status |
      | 97     | grönt  |
      | 95     | grönt  |
      | 94,9   | gult   |
      | 80     | gult   |
      | 79,9   | rött   |

  Scenariomall: Egna intervall över kvoten
    Givet nyckeltalet "Sjuktal per enhet" för HSN med riktning "Max" och mål 5 %
    Och "Sjuktal per enhet" bedöms med egna intervall över kvoten:
      | status | från | till |
      | grön   | 100  |      |
      | gul    | 75   | 100  |
      | röd    |      |      |
    Och utfallet för "Sjuktal per enhet" är <utfall> %
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Sjuktal per enhet" <måluppfyllelse> %
    Och nyckeltalet "Sjuktal per enhet" blir <status>

    Exempel:
      | utfall | måluppfyllelse | status |
      | 5      | 100,0          | grönt  |
      | 6,6    | 75,8           | gult   |
      | 7      | 71,4           | rött   |

  # ---------------------------------------------------------------------------------------
  # Förändring mot ett basår
  # ---------------------------------------------------------------------------------------

  Scenariomall: Förändring mot basåret: nått är grönt, rätt riktning men inte nått är gult, annars rött
    Givet nyckeltalet "Koldioxidutsläpp från tjänsteresor (minska)" för RS med riktning "Max" och mål −47 %
    Och "Koldioxidutsläpp från tjänsteresor (minska)" bedöms som förändring mot basåret 2019
    Och utfallet för "Koldioxidutsläpp från tjänsteresor (minska)" är <utfall> %
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Koldioxidutsläpp från tjänsteresor (minska)" <status>

    Exempel:
      | utfall | status | förklaring                                |
      | −38    | gult   | minskat, men inte med 47 %                |
      | −47    | grönt  | målet nått                                |
      | −52    | grönt  | målet mer än nått                         |
      | 0      | rött   | ingen förändring                          |
      | 4      | rött   | ökat: förändring i fel riktning           |

  Scenario: Förändring mot basåret räknas fram ur basårets värde
    Givet nyckeltalet "Energianvändning (minska)" för RS med riktning "Max" och mål −20 %
    Och "Energianvändning (minska)" bedöms som förändring mot basåret 2019, då värdet var 200
    Och utfallet för "Energianvändning (minska)" är 170
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Energianvändning (minska)" gult

  # ---------------------------------------------------------------------------------------
  # Jämförelse med ett tidigare utfall
  # ---------------------------------------------------------------------------------------

  Scenariomall: Jämförelse med föregående år hämtar förra årets utfall ur periodmappen 2024-08
    Givet målområdet "Kollektivtrafik"
    Och nyckeltalet "Antal resor med kollektivtrafiken" för KTN med riktning "Minst", jämfört med föregående år
    Och i perioden "2024-08" var utfallet för "Antal resor med kollektivtrafiken" 4 100 000
    Och utfallet för "Antal resor med kollektivtrafiken" är <utfall>
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Antal resor med kollektivtrafiken" <måluppfyllelse> %
    Och nyckeltalet "Antal resor med kollektivtrafiken" blir <status>

    Exempel:
      | utfall    | måluppfyllelse | status |
      | 4 200 000 | 102,4          | grönt  |
      | 3 900 000 | 95,1           | gult   |
      | 3 500 000 | 85,4           | rött   |

  Scenario: Jämförelsevärdet kan anges direkt i utfallsfilen
    Givet målområdet "Kultur"
    Och nyckeltalet "Antal besökare" för RUN med riktning "Minst", jämfört med föregående år
    Och utfallet för "Antal besökare" är 180 000 med jämförelsevärdet 200 000
    När måluppfyllelsen beräknas
    Så är måluppfyllelsen för "Antal besökare" 90,0 %
    Och nyckeltalet "Antal besökare" blir gult

  Scenario: Utan föregående års utfall går jämförelsen inte att göra
    Givet målområdet "Kultur"
    Och nyckeltalet "Antal besökare" för RUN med riktning "Minst", jämfört med föregående år
    Och utfallet för "Antal besökare" är 180 000
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Antal besökare" ej bedömt

  # ---------------------------------------------------------------------------------------
  # Eget uttryck
  # ---------------------------------------------------------------------------------------

  Scenariomall: Ett eget uttryck bestämmer färgen
    Givet nyckeltalet "Sjuktal per enhet" för HSN med riktning "Max" och mål 5 %
    Och "Sjuktal per enhet" bedöms med uttrycket:
      """
      'grön' if utfall <= mål else ('gul' if utfall <= mål + 1 else 'röd')
      """
    Och utfallet för "Sjuktal per enhet" är <utfall> %
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Sjuktal per enhet" <status>

    Exempel:
      | utfall | status |
      | 4,8    | grönt  |
      | 5      | grönt  |
      | 5,9    | gult   |
      | 6,6    | rött   |

  # ---------------------------------------------------------------------------------------
  # Utfall som saknas
  # ---------------------------------------------------------------------------------------

  Scenario: Ett utfall som saknas med angivet skäl är ej bedömt och räknas inte bland färgerna
    Givet målområdet "Stödverksamhet"
    Och nyckeltalet "Hög återvinningsgrad" för RS med riktning "Minst" och mål 42 %
    Och nyckeltalet "Andel ekologiska livsmedel (öka)" för RS med riktning "Minst" och mål 42 %
    Och utfallet för "Hög återvinningsgrad" saknas: "Utfallet rapporteras på helår."
    Och utfallet för "Andel ekologiska livsmedel (öka)" är 40 %
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Hög återvinningsgrad" ej bedömt
    Och skälet som visas för "Hög återvinningsgrad" är "Utfallet rapporteras på helår."
    Och inga varningar ges
    Och delarna i målområdet "Stödverksamhet" räknas så här:
      | grön | gul | röd | ej bedömd | antal |
      | 0    | 1   | 0   | 1         | 2     |
    Och målområdet "Stödverksamhet" föreslås som gult

  Scenario: Ett nyckeltal som bara mäts på helår är ej bedömt vid delåret, utan varning
    Givet nyckeltalet "Energianvändning i regionens egna lokaler (minska)" för RS med riktning "Max" och mål 165 kWh/m²
    Och "Energianvändning i regionens egna lokaler (minska)" mäts bara på helår
    Och inget utfall har rapporterats för "Energianvändning i regionens egna lokaler (minska)"
    När måluppfyllelsen beräknas
    Så blir nyckeltalet "Energianvändning i regionens egna lokaler (minska)" ej bedömt
    Och skälet som visas för "Energianvändning i regionens egna lokaler (minska)" är "mäts inte denna period (frekvens: år)"
    Och inga varningar ges

  Scenario: Ett nyckeltal som mäts per tertial men saknar utfall ger en varning
    Givet nyckeltalet "Sjuktal per enhet" för HSN med riktning "Max" och mål 5 %
    Och inget utfall har rapporterats för "Sjuktal per enhet"
    När måluppfyllelsen beräknas
    Så ges varningen "utfall-saknas" om "Sjuktal per enhet"
    Och nyckeltalet "Sjuktal per enhet" blir ej bedömt

  # ---------------------------------------------------------------------------------------
  # Uppdrag
  # ---------------------------------------------------------------------------------------

  Scenariomall: Uppdragets färg kommer från uppdragsstatusarna i skala.yaml
    Givet uppdraget "Säkerställ en god tillgänglighet till tandvård." från fullmäktige till RS
    Och RS rapporterar uppdraget "Säkerställ en god tillgänglighet till tandvård." som "<uppdragsstatus>"
    När måluppfyllelsen beräknas
    Så blir uppdraget "Säkerställ en god tillgänglighet till tandvård." <status>

    Exempel:
      | uppdragsstatus         | status |
      | Pågående enligt plan   | gult   |
      | Avslutad/klar          | grönt  |
      | Pågående med avvikelse | rött   |

  Scenario: En ändrad översättning i skala.yaml ändrar uppdragets färg
    Givet skala.yaml översätter uppdragsstatusen "Pågående enligt plan" till grön
    Och uppdraget "Säkerställ en god tillgänglighet till tandvård." från fullmäktige till RS
    Och RS rapporterar uppdraget "Säkerställ en god tillgänglighet till tandvård." som "Pågående enligt plan"
    När måluppfyllelsen beräknas
    Så blir uppdraget "Säkerställ en god tillgänglighet till tandvård." grönt

  # ---------------------------------------------------------------------------------------
  # Målområdets sammanvägda status
  # ---------------------------------------------------------------------------------------

  Scenariomall: Målområdets föreslagna status räknas fram med regeln i skala.yaml
    Givet sammanvägningsregeln i skala.yaml är "<regel>"
    Och målområdet "Tandvård" med uppdragen från fullmäktige:
      | uppdrag                                                      | nämnd | status                 |
      | Verka för att akut och förebyggande tandvård ges till alla.  | RS    | Pågående enligt plan   |
      | Tillhandahåll en säker tandvård, där vårdskador förebyggs.   | HSN   | Pågående enligt plan   |
      | Tillhandahålla tandvård med hög kvalitet.                    | HSN   | Pågående med avvikelse |
    När måluppfyllelsen beräknas
    Så föreslås målområdet "Tandvård" som <föreslagen>
    Och målområdet "Tandvård" blir <föreslagen>

    Exempel:
      | regel     | föreslagen |
      | majoritet | gult       |
      | sämsta    | rött       |
      | medel     | gult       |

  Scenario: En beslutad bedömning med motivering gäller före den beräknade, som ändå visas
    Givet målområdet "Tandvård" med uppdragen från fullmäktige:
      | uppdrag                                                      | nämnd | status               |
      | Verka för att akut och förebyggande tandvård ges till alla.  | RS    | Pågående enligt plan |
      | Tillhandahåll en säker tandvård, där vårdskador förebyggs.   | HSN   | Avslutad/klar        |
      | Tillhandahålla tandvård med hög kvalitet.                    | HSN   | Pågående enligt plan |
    Och målområdet "Tandvård" har beslutats som rött med motiveringen "Målområdet bedöms som helhet som rött utifrån det svåra läget inom allmäntandvården."
    När måluppfyllelsen beräknas
    Så föreslås målområdet "Tandvård" som gult
    Och målområdet "Tandvård" blir rött
    Och den beräknade statusen gul visas bredvid den beslutade röd för målområdet "Tandvård"
    Och ingen varning "motivering-saknas" ges

  Scenario: En beslutad bedömning som avviker utan motivering ger en varning som pekar ut raden
    Givet målområdet "Tandvård" med uppdragen från fullmäktige:
      | uppdrag                                                      | nämnd | status               |
      | Verka för att akut och förebyggande tandvård ges till alla.  | RS    | Pågående enligt plan |
      | Tillhandahåll en säker tandvård, där vårdskador förebyggs.   | HSN   | Pågående enligt plan |
    Och målområdet "Tandvård" har beslutats som rött utan motivering
    När måluppfyllelsen beräknas
    Så blir målområdet "Tandvård" rött
    Och varningen "motivering-saknas" ges på rad 3 i "malomraden/tandvard.yaml"
