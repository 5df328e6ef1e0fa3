import Callout from './Callout.astro';
import CallToAction from './CallToAction.astro';
import FAQ from './FAQ.astro';
import InsuranceList from './InsuranceList.astro';
import LocationHours from './LocationHours.astro';
import ProviderCard from './ProviderCard.astro';

/** Components a writer may use in any MDX body without importing them. */
export const mdxComponents = { Callout, CallToAction, FAQ, InsuranceList, LocationHours, ProviderCard };
