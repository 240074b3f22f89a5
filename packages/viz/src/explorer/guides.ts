/**
 * The explorer's Info panel and lever presets, in plain language for a class (NetLogo's Info tab:
 * what it is, how to use it, things to notice, things to try), one guide per bundled scenario and
 * lesson, each with a predict–run–explain activity that pauses the run at its key month, and the
 * five to eight levers that matter for it, each with one plain sentence. A preset names levers by
 * their path only: their names, units, ranges and values come from sim-core's lever registry (the
 * one list of levers), and a test checks every path resolves in its entry's scenario.
 */

/** A lever of a preset: its registry path and one plain sentence of what moving it does. */
export interface PresetLever {
  path: string;
  sentence: string;
}

/** An entry's Info panel and preset. */
export interface Guide {
  /** What the scenario or lesson shows, in two or three sentences. */
  shows: string;
  /** How to use it: what to press and what to look at. */
  use: string;
  notice: string[];
  tryThis: string[];
  /** Predict, run to `pauseAfter` months (the run pauses by itself), explain. */
  activity: { predict: string; pauseAfter: number; explain: string };
  levers: PresetLever[];
}

const AD_DELIVERY = { path: 'states.PE.alternativeDevelopment.deliveryRate', sentence: 'How much of the promised money, help and roads actually reaches the farmers (0 = nothing, 1 = all of it).' };
const AD_ON = { path: 'states.PE.alternativeDevelopment.enabled', sentence: 'Whether Peru offers farmers money to swap coca for licit crops at all.' };
const AD_BUDGET = { path: 'states.PE.alternativeDevelopment.budgetUsdPerYear', sentence: 'How much money Peru puts into the programme each year.' };
const PE_INTERDICTION = { path: 'states.PE.interdiction', sentence: 'How hard Peru’s police and army stop drug shipments on their way out.' };
const PE_COIN = { path: 'states.PE.counterinsurgency', sentence: 'How hard Peru’s army fights the armed group (Shining Path).' };
const PE_ERADICATE_AH = { path: 'states.PE.eradicationHaPerYear.alto-huallaga', sentence: 'Hectares of coca Peru pulls up each year in the Alto Huallaga valley.' };
const PE_ERADICATE_ENE = { path: 'states.PE.eradicationHaPerYear.vraem-ene', sentence: 'Hectares of coca Peru pulls up each year in the Ene valley of the VRAEM.' };
const CO_ERADICATE = { path: 'states.CO.eradicationHaPerYear.colombia', sentence: 'Hectares of coca Colombia targets each year (spraying and manual crews).' };
const DEMAND = { path: 'market.demandIndex', sentence: 'How much cocaine the world wants to buy (1 = as it was; 1.5 = half as much again).' };
const CO_KILL = { path: 'states.CO.eradicationKill', sentence: 'Share of plants actually killed on an eradicated hectare (manual crews kill most, spraying far fewer).' };
/** The levers of the scenarios of Colombia's boom (its drivers, with or without new growers). */
const COLOMBIA_LEVERS = [CO_ERADICATE, CO_KILL, { path: 'states.CO.interdiction', sentence: 'How hard Colombia stops drug shipments.' }, { path: 'states.CO.counterinsurgency', sentence: 'How hard Colombia’s army fights armed groups.' }, DEMAND];
const FIRMAS = { path: 'firmas.count', sentence: 'How many trafficking organisations buy leaf at the start.' };
const FIRMA_STRATEGY = { path: 'firmas.strategy', sentence: 'Whether the buyers keep their deal to pay growers little, break it to outbid each other, or decide as they go.' };
const SL_FEE = { path: 'armedGroups.sl.feeUsdPerKg', sentence: 'The fee Shining Path charges for every kilo it escorts through its territory.' };
const SL_FIGHTERS = { path: 'armedGroups.sl.fighters', sentence: 'How many fighters Shining Path has at the start.' };
const MOVE = { path: 'farmers.displacement.chance', sentence: 'How likely a farmer facing eradication is to move coca to a new field elsewhere.' };
const BO_UNIONS = { path: 'regions.bolivia.association.share', sentence: 'Share of Bolivia’s coca farmers in unions at the start.' };
const BO_CAP = { path: 'regions.bolivia.association.capHaPerMember', sentence: 'The most coca each union member may grow (Bolivia’s “cato”).' };
const VRAEM_ACCESS = { path: 'regions.vraem-ene.marketAccess', sentence: 'How much of the Ene valley’s cacao and coffee reaches a buyer (roads, processors).' };
const PLANE = { path: 'states.PE.routes.plane', sentence: 'Share of the small-plane route out of Peru left open (0 = planes shot down).' };
const ROAD = { path: 'states.PE.routes.road', sentence: 'Share of the road and river exits left open.' };

const baselineLevers: PresetLever[] = [PE_ERADICATE_AH, PE_INTERDICTION, PE_COIN, AD_ON, AD_DELIVERY, CO_ERADICATE, DEMAND, FIRMAS];

/** Guides by entry id (a bundled scenario's file name, or `lesson:<id>`). */
export const GUIDES: Record<string, Guide> = {
  baseline: {
    shows: 'Peru’s coca economy from 2004: farmers choosing between coca and licit crops, trafficking groups (firmas) buying leaf, Shining Path taxing the trade, and the state eradicating, seizing and fighting. Peru, Bolivia and Colombia share one world market.',
    use: 'Press Run and watch the hectares by country and by valley. Move a lever during the run: it applies from the next month. Tick "Compare with baseline" to see the same run without your changes, dotted.',
    notice: ['Colombia grows most of the coca; Peru’s valleys move with their own prices.', 'The leaf price farmers get is a small part of the export price.', 'Violence rises where the state and Shining Path fight over a valley.'],
    tryThis: ['Raise Peru’s interdiction: what happens to the leaf price farmers get?', 'Turn alternative development on with full delivery: where does coca fall?', 'Double world demand: which country grows most of the extra coca?'],
    activity: { predict: 'Peru eradicates in the Alto Huallaga every year. By 2008, will the valley have less coca than in 2004 — and will the VRAEM have more?', pauseAfter: 60, explain: 'Compare the Alto Huallaga and VRAEM lines on the region chart. Did coca disappear or move?' },
    levers: baselineLevers,
  },
  'alternative-development': {
    shows: 'The baseline plus a well-delivered alternative development programme from 2012 in the VRAEM and the Alto Huallaga: money per hectare switched, technical help and roads.',
    use: 'Run past 2012 with "Compare with baseline" on. Then choose "8 seeds" under Runs to see whether the fall in coca is bigger than chance.',
    notice: ['Farmers enrol only as far as they trust the state to pay.', 'Trust grows as the money arrives.', 'Coca can reappear in valleys without the programme.'],
    tryThis: ['Lower the delivery rate to 0.2: does anyone still switch?', 'Cut the budget in half.', 'Improve market access in the Ene valley.'],
    activity: { predict: 'The programme starts in January 2012. How many years until VRAEM coca is clearly lower than without it?', pauseAfter: 132, explain: 'Look at trust and AD delivered on the AD chart: when did farmers start believing the promise?' },
    levers: [AD_ON, AD_DELIVERY, AD_BUDGET, { path: 'states.PE.alternativeDevelopment.subsidyUsdPerHaYear', sentence: 'Money paid each year for every hectare of coca a farmer replaces.' }, { path: 'states.PE.alternativeDevelopment.technicalAssistance', sentence: 'How much expert help raises the harvest of licit crops.' }, VRAEM_ACCESS, PE_ERADICATE_ENE],
  },
  'ad-on-paper': {
    shows: 'The same programme as "alternative-development", announced in 2012 but never delivered: no payments, no help, no roads.',
    use: 'Run past 2013 and compare with the delivered programme (pick it in the list, same seed).',
    notice: ['Trust in the state falls when nothing arrives.', 'Coca does not fall: an empty promise converts nothing.'],
    tryThis: ['Set delivery to 0.5: is half a promise worth half the result?', 'Turn the programme off: is a broken promise worse than none?'],
    activity: { predict: 'The programme is announced in 2012 but nothing is paid. What happens to farmers’ trust by 2014?', pauseAfter: 132, explain: 'Read the trust line on the AD chart: why does it fall, and what would it take to raise it again?' },
    levers: [AD_DELIVERY, AD_ON, AD_BUDGET, { path: 'states.PE.alternativeDevelopment.subsidyUsdPerHaYear', sentence: 'Money paid each year for every hectare of coca a farmer replaces.' }, PE_ERADICATE_ENE, PE_INTERDICTION],
  },
  'air-bridge-cut': {
    shows: 'From 2006 to 2009 the routes out of Peru are cut (planes shot down, roads watched); then other routes open. Modelled on Peru’s 1995 air-bridge cut.',
    use: 'Run to 2010 and watch the leaf price and Peru’s coca; then run on to see the recovery.',
    notice: ['With nowhere to ship, buyers stop buying and the leaf price collapses.', 'Farmers pull up coca — then replant when the routes reopen.'],
    tryThis: ['Leave the road route half open: how much of the effect remains?', 'Raise world demand at the same time.'],
    activity: { predict: 'The routes close in January 2006. What happens to the price of coca leaf in Peru within a year?', pauseAfter: 36, explain: 'Compare the leaf price before and after 2006. Why does cutting exports hurt farmers, not only traffickers?' },
    levers: [PLANE, ROAD, { path: 'states.PE.routes.backpack', sentence: 'Share of the backpack (mochilero) route left open.' }, PE_INTERDICTION, DEMAND, FIRMAS],
  },
  'bolivia-grower-unions': {
    shows: 'Bolivia’s coca farmers organised in unions that limit each member to a small plot (a “cato”) and police the limit themselves.',
    use: 'Run and compare Bolivia’s coca and violence with "bolivia-no-unions" (same seed).',
    notice: ['Bolivia’s area stays near the cap.', 'Little violence where farmers police themselves.'],
    tryThis: ['Lower the share of farmers in unions.', 'Raise the cap per member.'],
    activity: { predict: 'With unions capping each farm, will Bolivia’s coca grow when prices rise?', pauseAfter: 72, explain: 'Look at Bolivia on the country chart: what holds the area down, and who enforces it?' },
    levers: [BO_UNIONS, BO_CAP, { path: 'regions.bolivia.association.enforcement', sentence: 'How strictly the unions police the cap.' }, { path: 'states.BO.eradicationHaPerYear.bolivia', sentence: 'Hectares Bolivia pulls up each year.' }, DEMAND],
  },
  'bolivia-no-unions': {
    shows: 'Bolivia without grower unions: no cap on coca, everything else as in "bolivia-grower-unions". The counterfactual.',
    use: 'Run with the same seed as "bolivia-grower-unions" and compare Bolivia’s coca.',
    notice: ['Without a cap, Bolivia’s coca follows the price.'],
    tryThis: ['Put half the farmers back in unions and watch the area.', 'Raise Bolivia’s eradication instead: is it a substitute for self-policing?'],
    activity: { predict: 'Without unions, will Bolivia have more coca by 2010 than with them?', pauseAfter: 72, explain: 'Compare with the union scenario: what did the unions do that eradication alone does not?' },
    levers: [BO_UNIONS, BO_CAP, { path: 'states.BO.eradicationHaPerYear.bolivia', sentence: 'Hectares Bolivia pulls up each year.' }, DEMAND, { path: 'states.BO.interdiction', sentence: 'How hard Bolivia stops drug shipments.' }],
  },
  'colombia-eradication-surge': {
    shows: 'Colombia eradicates far harder from 2006 to 2013. The "balloon effect": squeeze coca in one place and it grows in another.',
    use: 'Run to 2013 with "Compare with baseline" on; watch each country’s coca and the balloon of shares.',
    notice: ['Colombia’s coca falls, but Peru’s and Bolivia’s rise.', 'Farmers under pressure plant more densely.'],
    tryThis: ['Make the crews kill fewer plants (like spraying).', 'Choose "8 seeds": is Peru’s rise bigger than chance?'],
    activity: { predict: 'Colombia eradicates hard from 2006. By 2010, will the Andes as a whole have less coca?', pauseAfter: 84, explain: 'Add up the countries: how much of Colombia’s fall came back elsewhere, and why?' },
    levers: [CO_ERADICATE, CO_KILL, PE_ERADICATE_AH, MOVE, DEMAND, { path: 'states.CO.interdiction', sentence: 'How hard Colombia stops drug shipments.' }],
  },
  'consolidated-market': {
    shows: 'One buyer per valley and no newcomers: each valley sells its leaf to a single trafficking group.',
    use: 'Run and compare the leaf price with "fragmented-market" (thirty buyers).',
    notice: ['A single buyer pays farmers less (monopsony).'],
    tryThis: ['Organise the farmers of a valley in an association.', 'Let more buyers in.'],
    activity: { predict: 'With one buyer per valley, will farmers get more or less for their leaf than with thirty buyers?', pauseAfter: 48, explain: 'Compare the leaf prices: why can a single buyer pay less?' },
    levers: [FIRMAS, { path: 'firmas.maxCount', sentence: 'The most trafficking groups there can ever be (newcomers stop there).' }, { path: 'regions.vraem-ene.association.bargainingPower', sentence: 'How much organised farmers of the Ene valley win back from the buyers’ low price.' }, FIRMA_STRATEGY, { path: 'regions.vraem-ene.association.share', sentence: 'Share of the Ene valley’s farmers in an association at the start.' }],
  },
  'demand-shock': {
    shows: 'World demand for cocaine rises by half in 2010 (a new route to Europe).',
    use: 'Run past 2010 with "Compare with baseline" on and watch prices, then hectares.',
    notice: ['The export price moves first, then the leaf price, then hectares.'],
    tryThis: ['Make the shock smaller or a fall instead.', 'Combine it with an interdiction surge.'],
    activity: { predict: 'Demand jumps in 2010. Which moves first: the export price, the leaf price or the hectares?', pauseAfter: 84, explain: 'Look at the price chart and the coca chart: in what order did they move, and why does planting take time?' },
    levers: [DEMAND, PE_INTERDICTION, FIRMAS, PE_ERADICATE_AH, CO_ERADICATE],
  },
  'fragmented-market': {
    shows: 'Thirty trafficking groups from the start, each buying in several valleys: competition for the farmers’ leaf.',
    use: 'Run and compare the leaf price with "consolidated-market".',
    notice: ['Many buyers pay more; their price agreements break more often.'],
    tryThis: ['Make all buyers keep their agreement (strategy).', 'Reduce the number of buyers step by step.'],
    activity: { predict: 'Thirty buyers compete for leaf. Will the leaf price be higher than in the baseline?', pauseAfter: 48, explain: 'Why can’t thirty buyers hold the price down together as a few can?' },
    levers: [FIRMAS, { path: 'firmas.maxCount', sentence: 'The most trafficking groups there can ever be.' }, FIRMA_STRATEGY, { path: 'regions.vraem-apurimac.association.bargainingPower', sentence: 'How much organised farmers of the valley win back from the buyers’ low price.' }, { path: 'firmas.monitoringNoise', sentence: 'How blurred the price each buyer sees of the others is: the more blurred, the more often a false alarm starts a price war.' }, DEMAND],
  },
  'interdiction-surge': {
    shows: 'Peru and Bolivia stop shipments far harder from 2008, and every route is more exposed.',
    use: 'Run past 2008 with "Compare with baseline" on: watch the export price and the money paid for protection.',
    notice: ['Seizures raise the export price for everyone.', 'Traffickers pay more for armed protection.'],
    tryThis: ['Raise only Peru’s interdiction.', 'Choose "8 seeds": does coca in Peru really fall?'],
    activity: { predict: 'Interdiction triples in 2008. Does the leaf price farmers get go up or down?', pauseAfter: 60, explain: 'Compare the export price and the leaf price: who pays for seizures?' },
    levers: [PE_INTERDICTION, { path: 'states.BO.interdiction', sentence: 'How hard Bolivia stops drug shipments.' }, { path: 'firmas.routes.road.interdictionExposure', sentence: 'How much more interdiction raises seizures on the road route.' }, SL_FEE, DEMAND, FIRMAS],
  },
  'shining-path-offensive': {
    shows: 'Peru’s army presses Shining Path much harder from 2009.',
    use: 'Run past 2009: watch fighters, violence and the protection money on the alliance chart.',
    notice: ['The group shrinks but violence first rises.', 'Under pressure the group cares less about the future and may rob the traffickers.'],
    tryThis: ['Lower the offensive to 0.6.', 'Raise the group’s fee.'],
    activity: { predict: 'The army presses harder from 2009. Will violence in the VRAEM go down at once?', pauseAfter: 72, explain: 'Look at violence and fighters: why can an offensive raise violence before it lowers it?' },
    levers: [PE_COIN, { path: 'states.PE.strength', sentence: 'How strong Peru’s forces are in fights over territory.' }, SL_FIGHTERS, SL_FEE, { path: 'armedGroups.sl.strategy', sentence: 'Whether Shining Path honours its deal with the traffickers, robs them, or decides as it goes.' }, PE_INTERDICTION],
  },
  'buyers-valley': {
    shows: 'The Apurímac valley alone, with two trafficking groups buying its leaf. Two patient buyers can keep a deal to pay growers little; a dozen cannot.',
    use: 'Run and watch the leaf price; then raise the number of buyers and run again with the same seed.',
    notice: ['With two buyers the leaf price stays low for years.'],
    tryThis: ['Set twelve buyers.', 'Make both buyers always break the deal.'],
    activity: { predict: 'Two buyers share the valley. Will the leaf price they pay stay low for four years?', pauseAfter: 48, explain: 'Why is it easier for two buyers than for twelve to keep paying growers little?' },
    levers: [FIRMAS, { path: 'firmas.maxCount', sentence: 'The most trafficking groups there can ever be (newcomers stop there).' }, FIRMA_STRATEGY, { path: 'regions.vraem-apurimac.association.bargainingPower', sentence: 'How much organised farmers of the Apurímac valley win back from the buyers’ low price.' }, SL_FEE, { path: 'regions.vraem-apurimac.association.share', sentence: 'Share of the valley’s farmers in an association at the start.' }],
  },
  'colombia-drivers': {
    shows: 'Colombia’s coca boom of 2014–2023 from its causes: the exchange rate, a substitution programme announced in 2014 that paid for coca held, and the FARC leaving in 2017.',
    use: 'Run past 2017 and watch Colombia’s coca on the country chart; compare with the baseline.',
    notice: ['Announcing payments for coca held can make farmers plant more coca first.', 'Areas the FARC leaves are contested by other armed groups.'],
    tryThis: ['Raise Colombia’s eradication after 2015.', 'Choose "8 seeds": is the boom bigger than chance?'],
    activity: { predict: 'A programme announced in 2014 will pay farmers for the coca they hold. What happens to Colombia’s coca before the payments start?', pauseAfter: 156, explain: 'Why would a promise to pay for coca held make coca grow?' },
    levers: COLOMBIA_LEVERS,
  },
  'colombia-entry': {
    shows: 'Colombia’s drivers of 2014–2023 with new growers: families in the coca areas who grew no coca at the start can take it up, each by its own choice, when coca pays better than their crops.',
    use: 'Run past 2017 and watch Colombia’s coca and the number of growing households; compare with "Colombia’s drivers" (no new growers).',
    notice: ['New growers enter whenever coca beats their crops by more than the cost of clearing them, not only after 2014; where the FARC holds ground, some families need its leave to clear until its ceasefire of December 2014.', 'Payments announced for coca held pull new families in too.'],
    tryThis: ['Raise Colombia’s eradication after 2015: do fewer families enter?', 'Choose "8 seeds": is the boom bigger than chance?'],
    activity: { predict: 'Some families in Colombia’s coca areas grow no coca in 2004. By 2020, will many of them grow it?', pauseAfter: 192, explain: 'What would make a family that grows cacao or plantain clear it for coca?' },
    levers: COLOMBIA_LEVERS,
  },
  'same-money-ad': {
    shows: 'From 2012 Peru spends its eradication money on alternative development in the three VRAEM valleys instead: the same money, two uses.',
    use: 'Run past 2012 with "Compare with baseline" on, then choose "8 seeds" to see whether the difference is bigger than chance.',
    notice: ['Without eradication, coca is not pulled up; with the programme, farmers who trust it switch.'],
    tryThis: ['Lower the programme’s delivery.', 'Compare VRAEM coca with the baseline at 2016 and at 2023.'],
    activity: { predict: 'Which leaves less coca in the VRAEM by 2016: eradication or the same money as a programme?', pauseAfter: 156, explain: 'What does eradication do that a programme cannot, and the other way round?' },
    levers: [PE_ERADICATE_ENE, PE_ERADICATE_AH, PE_INTERDICTION, VRAEM_ACCESS, DEMAND],
  },
  'lesson:adoption': {
    shows: 'Whether a valley ends up in coca or in licit crops can depend on where it starts: cacao and coffee pay only when enough neighbours grow them (buyers, processors, roads).',
    use: 'Pick the growers’ start (coca or licit) in the lesson’s choices, run, and compare where the valley ends.',
    notice: ['Two valleys alike in everything but their start can end apart (a tipping point).'],
    tryThis: ['Improve market access: does the tipping point move?', 'Start half the farmers licit.'],
    activity: { predict: 'A valley starts mostly in coca. After four years, will it still be mostly coca?', pauseAfter: 48, explain: 'Why would a farmer stay in coca even if licit crops would pay everyone more if all switched?' },
    levers: [VRAEM_ACCESS, AD_ON, AD_DELIVERY, PE_ERADICATE_ENE, { path: 'regions.vraem-ene.licitPriceUsdKg', sentence: 'Farm-gate price of cacao and coffee in the Ene valley.' }, DEMAND],
  },
  'lesson:balloon-effect': {
    shows: 'The state has one eradication budget. Concentrate it in one valley, spread it, or chase the coca — and the farmers can stay or move.',
    use: 'Pick a way to spend the budget and whether farmers move, run, and compare coca in the Alto Huallaga and elsewhere in Peru.',
    notice: ['Coca pushed out of one valley reappears in others when farmers can move.'],
    tryThis: ['Set the chance of moving to 0.', 'Chase the coca from valley to valley.'],
    activity: { predict: 'The state eradicates hard in the Alto Huallaga. Will coca in the rest of Peru go up?', pauseAfter: 48, explain: 'Compare the region lines: how much of what was pulled up was planted again elsewhere?' },
    levers: [PE_ERADICATE_AH, { path: 'states.PE.eradicationHaPerYear.peru-other', sentence: 'Hectares of coca Peru pulls up each year in its other coca regions.' }, PE_ERADICATE_ENE, MOVE, { path: 'states.PE.allocation', sentence: 'Whether eradication keeps fixed targets or chases last year’s coca.' }, { path: 'farmers.displacement.costUsdHa', sentence: 'What it costs a farmer to clear and plant a new hectare elsewhere.' }],
  },
  'lesson:broken-promise': {
    shows: 'The state promises farmers money to switch from coca; it can keep the promise (90% delivered), break it (20%) or offer nothing. Farmers decide how far to trust it.',
    use: 'Choose the state’s strategy in the lesson’s choices, or move the delivery rate. Then choose "8 seeds" under Runs: the bands show whether the difference is bigger than chance.',
    notice: ['Farmers who stop trusting the state do not switch, even when money is offered.', 'Coca pulled out of the VRAEM valleys can reappear elsewhere in Peru.'],
    tryThis: ['Set delivery to 0.1, press "Use as baseline", then set it to 0.9.', 'Turn the programme off.'],
    activity: { predict: 'If the state delivers only 20% of what it promises, will farmers keep enrolling after two years?', pauseAfter: 36, explain: 'Read trust on the AD chart: why does a broken promise cost the state more than the money it saved?' },
    levers: [AD_DELIVERY, AD_ON, AD_BUDGET, { path: 'states.PE.alternativeDevelopment.subsidyUsdPerHaYear', sentence: 'Money paid each year for every hectare of coca a farmer replaces.' }, { path: 'states.PE.alternativeDevelopment.years', sentence: 'How many years a switched hectare is paid for.' }, VRAEM_ACCESS],
  },
  'lesson:cartel-of-buyers': {
    shows: 'Traffickers gain if they all pay farmers little, but each gains more by outbidding the others. A few can keep such a deal; many cannot.',
    use: 'Pick the buyers’ strategy and their number in the lesson’s choices, run, and watch the leaf price.',
    notice: ['With two or four buyers the low price holds; with many it breaks.'],
    tryThis: ['Make every buyer always keep the deal.', 'Raise the number of buyers step by step.'],
    activity: { predict: 'With twelve buyers who decide as they go, will the leaf price stay low?', pauseAfter: 36, explain: 'Why is a deal among many buyers harder to keep than among a few?' },
    levers: [FIRMAS, { path: 'firmas.maxCount', sentence: 'The most trafficking groups there can ever be.' }, FIRMA_STRATEGY, { path: 'regions.vraem-apurimac.association.bargainingPower', sentence: 'How much organised farmers of the valley win back from the buyers’ low price.' }, { path: 'firmas.monitoringNoise', sentence: 'How blurred the price each buyer sees of the others is: the more blurred, the more often a false alarm starts a price war.' }, DEMAND],
  },
  'lesson:price-coercion': {
    shows: 'Who sets the price of coca leaf: the buyers (few or many, in a cartel or competing) or the farmers (organised or not)?',
    use: 'Pick the growers’ and the buyers’ strategies in the lesson’s choices, run, and compare the leaf price.',
    notice: ['Organised farmers push the price up; a cartel of few buyers pushes it down.'],
    tryThis: ['Organise farmers against a cartel.', 'Raise the buyers’ power to coerce.'],
    activity: { predict: 'Farmers organise against four buyers in a cartel. Who wins the price?', pauseAfter: 36, explain: 'Compare the leaf price under each pair of strategies: what is each side’s best move?' },
    levers: [FIRMAS, FIRMA_STRATEGY, { path: 'regions.vraem-apurimac.association.bargainingPower', sentence: 'How much organised farmers of the Apurímac valley win back from the buyers’ low price.' }, { path: 'regions.vraem-ene.association.share', sentence: 'Share of the Ene valley’s farmers in an association at the start.' }, { path: 'regions.vraem-ene.association.bargainingPower', sentence: 'How much an association cuts the buyers’ power over the price.' }],
  },
  'lesson:protection-racket': {
    shows: 'Shining Path escorts the traffickers’ drugs for a small fee instead of robbing them — as long as the deal is worth more to it than one big theft.',
    use: 'Pick Shining Path’s and the traffickers’ strategies in the lesson’s choices, run, and watch fees and violence; raise the army’s pressure.',
    notice: ['The deal holds while the group values the future.', 'Under heavy pressure the future counts less and the deal breaks.'],
    tryThis: ['Raise counter-insurgency to 0.9.', 'Make Shining Path always rob.'],
    activity: { predict: 'The army presses harder. Will Shining Path keep escorting for a fee or start robbing?', pauseAfter: 36, explain: 'Why does a group that may not survive long care less about keeping its word?' },
    levers: [PE_COIN, { path: 'armedGroups.sl.strategy', sentence: 'Whether Shining Path honours its deal, robs, or decides as it goes.' }, { path: 'firmas.protection', sentence: 'Whether traffickers pay for protection when it is worth it, always, or never.' }, SL_FEE, SL_FIGHTERS, { path: 'armedGroups.sl.patience', sentence: 'How much Shining Path values next month against this month when unpressed.' }],
  },
  'lesson:stationary-bandit': {
    shows: 'What fee per kilo earns Shining Path the most? Too low earns little; too high drives traffickers to other routes (a Laffer curve).',
    use: 'Pick a fee in the lesson’s choices (or move the fee lever), run, and read the protection money on the alliance chart.',
    notice: ['Revenue rises with the fee, then falls.'],
    tryThis: ['Try fees of 2, 8 and 24 USD a kilo.', 'Raise interdiction: does the best fee change?'],
    activity: { predict: 'Which earns Shining Path more a month: a fee of 4 or of 24 USD a kilo?', pauseAfter: 36, explain: 'Why does a higher fee not always bring more money?' },
    levers: [SL_FEE, { path: 'armedGroups.sl.feeRule', sentence: 'Whether the fee is bargained with the traffickers or set by trial and error.' }, PE_INTERDICTION, { path: 'firmas.routes.backpack.armedCorridor', sentence: 'Whether the backpack route crosses Shining Path’s territory.' }, FIRMAS, PE_COIN],
  },
};

/** The guide of an entry, or a short one built from its description (a loaded file). */
export function guideOf(id: string, description: string): Guide {
  return (
    GUIDES[id] ?? {
      shows: description,
      use: 'Press Run; move a lever during the run (it applies from the next month); tick "Compare with baseline" to see the run without your changes.',
      notice: [],
      tryThis: [],
      activity: { predict: 'Before you run: which line do you expect to move most?', pauseAfter: 24, explain: 'Was your prediction right? Which lever explains it?' },
      levers: baselineLevers,
    }
  );
}

/**
 * A lever's registry description made readable: design-document citations ("§2.7", "calibration
 * §3 fact 5") and working-assumption tags ("[W]") removed; what they qualified is kept.
 * @example plainDescription('programme budget a year (§2.7: DEVIDA VRAEM S/73M ≈ $22M in 2019)') === 'programme budget a year (DEVIDA VRAEM S/73M ≈ $22M in 2019)'
 */
export function plainDescription(d: string): string {
  return d
    .replace(/\s*\[W\]/g, '')
    .replace(/\(([^()]*)\)/g, (whole, inner: string) => {
      if (!inner.includes('§')) return whole;
      const kept = inner
        .split(/;\s*/)
        .map((part) => part.replace(/(?:calibration\s+|DESIGN\s+)?§\s*[\d.]*\d(?:\s*fact\s*\d+)?(?:\s*\([^)]*\))?\s*:?\s*/g, '').replace(/^[\s,]+|[\s,]+$/g, ''))
        .filter((p) => p && !/^(and|or)$/.test(p))
        .join('; ');
      return kept ? `(${kept})` : '';
    })
    .replace(/(?:calibration\s+|DESIGN\s+)?§\s*[\d.]*\d(?:\s*fact\s*\d+)?/g, '')
    .replace(/\s+([,;.)])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
